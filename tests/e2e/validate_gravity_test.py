#!/usr/bin/python3
"""Fast version of the gravity validation (ctest label `validation`; docs/validation.md, Gravity).

Runs scripts/validate_gravity.py on a small version of configs/validation/gravity.toml (2,000 firms, no
burn-in, two ticks: seconds) and checks that it passes with the trade-cost elasticity at 1 - sigma; then,
on copies of that run, that it fails (exit 1) when the flows are bent to another elasticity, passes when
they carry noise of the size of rounding, and that a file without trade_flows is bad input (exit 2, one
line). The estimator (scripts/ppml.py) is checked on
its own against known slopes and a plain dummy-variable Poisson regression. The full case is
scripts/validate_all.sh.

Usage:
  /usr/bin/python3 tests/e2e/validate_gravity_test.py [CLUSTERSIM_BINARY] [unittest options]
"""
import os
import pathlib
import shutil
import subprocess
import sys
import tempfile
import unittest

import h5py
import numpy as np

SOURCE_DIR = pathlib.Path(__file__).resolve().parents[2]
SCRIPTS = SOURCE_DIR / "scripts"
sys.path.insert(0, str(SCRIPTS))
import ppml  # noqa: E402

PYTHON = "/usr/bin/python3"
STEP_TIMEOUT = 300
SMALL = ("simulation.burn_in_years=0", "simulation.ticks=2", "firms.initial_count=2000")

binary = os.environ.get("CLUSTERSIM_BINARY", "")


def validate(*arguments):
    environment = dict(os.environ, MPLBACKEND="Agg", CLUSTERSIM=binary)
    return subprocess.run([PYTHON, str(SCRIPTS / "validate_gravity.py"), *map(str, arguments)],
                          capture_output=True, text=True, env=environment, timeout=STEP_TIMEOUT)


def headline(stdout):
    """The last line's key=value pairs."""
    return dict(item.split("=", 1) for item in stdout.strip().splitlines()[-1].split())


def haversine_ln_t(path):
    """ln T per (origin, destination) from the file, computed independently of the script."""
    with h5py.File(path, "r") as file:
        lat = np.radians(file["latitude"][()])
        lon = np.radians(file["longitude"][()])
        tau = file["policy_transport_cost"][-1]
    h = (np.sin((lat[:, None] - lat[None, :]) / 2) ** 2
         + np.cos(lat[:, None]) * np.cos(lat[None, :]) * np.sin((lon[:, None] - lon[None, :]) / 2) ** 2)
    distance = 2 * 6371.0 * np.arcsin(np.minimum(1.0, np.sqrt(h)))
    return np.log1p(0.5 * (tau[:, None] + tau[None, :]) * distance / 1000.0)


class GravityValidation(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.directory = pathlib.Path(tempfile.mkdtemp(prefix="clustersim-gravity-test-"))
        cls.run_file = cls.directory / "gravity.h5"
        arguments = []
        for override in SMALL:
            arguments += ["--set", override]
        cls.first = validate(*arguments, "--keep", cls.run_file, "--figure", cls.directory / "gravity.png")

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.directory, ignore_errors=True)

    def test_the_model_passes_with_the_elasticity_its_trade_costs_imply(self):
        self.assertEqual(self.first.returncode, 0, self.first.stdout + self.first.stderr)
        values = headline(self.first.stdout)
        self.assertEqual(values["result"], "pass")
        self.assertEqual(float(values["implied"]), -3.0)  # 1 - sigma, sigma = market.elasticity = 4
        self.assertAlmostEqual(float(values["trade_cost_elasticity"]), -3.0, delta=1e-8)
        # A distance elasticity between the local ones of the shortest and the longest routes.
        self.assertTrue(-0.8 < float(values["distance_elasticity"]) < -0.05, values)
        self.assertTrue((self.directory / "gravity.png").stat().st_size > 1000)

    def test_flows_bent_to_another_elasticity_fail(self):
        # X T^0.5: the elasticity becomes -2.5 for every industry, with the flows otherwise the model's.
        bent = self.directory / "bent.h5"
        shutil.copy(self.run_file, bent)
        ln_t = haversine_ln_t(bent)
        with h5py.File(bent, "r+") as file:
            flows = file["region_pairs/trade_flows"]
            flows[-1] = flows[-1] * np.exp(0.5 * ln_t)[:, :, None]
        result = validate(bent)
        self.assertEqual(result.returncode, 1, result.stdout + result.stderr)
        values = headline(result.stdout)
        self.assertEqual(values["result"], "fail")
        self.assertAlmostEqual(float(values["trade_cost_elasticity"]), -2.5, delta=1e-6)

    def test_noise_of_the_size_of_rounding_passes(self):
        # Multiplicative noise of 1e-14, uncorrelated with distance, is rounding: the numerical floor of the
        # criterion (docs/validation.md) must let it pass, as it lets the model's own rounding pass.
        noisy = self.directory / "rounding.h5"
        shutil.copy(self.run_file, noisy)
        generator = np.random.default_rng(7)
        with h5py.File(noisy, "r+") as file:
            flows = file["region_pairs/trade_flows"]
            flows[-1] = flows[-1] * np.exp(1e-14 * generator.standard_normal(flows.shape[1:]))
        result = validate(noisy)
        self.assertEqual(result.returncode, 0, result.stdout + result.stderr)
        self.assertEqual(headline(result.stdout)["result"], "pass")

    def test_a_file_without_trade_flows_is_bad_input(self):
        plain = self.directory / "plain.h5"
        shutil.copy(self.run_file, plain)
        with h5py.File(plain, "r+") as file:
            del file["region_pairs/trade_flows"]
        result = validate(plain)
        self.assertEqual(result.returncode, 2)
        self.assertEqual(len(result.stderr.strip().splitlines()), 1, result.stderr)
        self.assertIn("plain.h5", result.stderr)
        self.assertIn("trade_flows", result.stderr)


class PoissonPseudoMaximumLikelihood(unittest.TestCase):
    def setUp(self):
        generator = np.random.default_rng(3)
        regions = 15
        origin, destination = np.meshgrid(np.arange(regions), np.arange(regions), indexing="ij")
        between = (origin != destination).ravel()
        self.origin, self.destination = origin.ravel()[between], destination.ravel()[between]
        self.x = generator.uniform(0.0, 0.4, len(self.origin))
        effects = generator.normal(0, 1, regions)[self.origin] + generator.normal(0, 1, regions)[self.destination]
        self.mean = 50.0 * np.exp(effects - 2.0 * self.x)
        self.generator = generator

    def test_an_exact_gravity_equation_is_recovered_to_rounding(self):
        fit = ppml.ppml(self.mean, self.x, self.origin, self.destination)
        self.assertAlmostEqual(fit.slope, -2.0, delta=1e-12)
        self.assertLess(fit.log_residual_max(self.mean), 1e-11)

    def test_noisy_counts_match_a_dummy_variable_poisson_regression(self):
        counts = self.generator.poisson(self.mean).astype(float)
        fit = ppml.ppml(counts, self.x, self.origin, self.destination)
        regions = self.origin.max() + 1
        design = np.hstack([self.x[:, None], np.eye(regions)[self.origin], np.eye(regions)[self.destination][:, 1:]])
        eta = np.log(counts + counts.mean() / 2)
        for _ in range(100):  # Newton's method on every coefficient at once
            mu = np.exp(eta)
            working = eta + (counts - mu) / mu
            beta = np.linalg.lstsq(design * np.sqrt(mu)[:, None], working * np.sqrt(mu), rcond=None)[0]
            eta = design @ beta
        mu = np.exp(eta)
        bread = np.linalg.pinv(design.T @ (design * mu[:, None]))
        meat = design.T @ (design * ((counts - mu) ** 2)[:, None])
        self.assertAlmostEqual(fit.slope, beta[0], delta=1e-9)
        self.assertAlmostEqual(fit.robust_se, np.sqrt((bread @ meat @ bread)[0, 0]), delta=1e-9)
        self.assertGreater(fit.robust_se, 0.01)  # real noise, real uncertainty

    def test_blocks_have_their_own_effects_and_share_the_slope(self):
        doubled = np.concatenate([self.mean, 7.0 * self.mean[::-1]])
        fit = ppml.ppml(doubled, np.concatenate([self.x, self.x[::-1]]), np.concatenate([self.origin] * 2),
                        np.concatenate([self.destination] * 2), np.repeat([0, 1], len(self.x)))
        self.assertAlmostEqual(fit.slope, -2.0, delta=1e-12)

    def test_an_origin_without_flows_is_dropped(self):
        flows = self.mean.copy()
        flows[self.origin == 4] = 0.0
        fit = ppml.ppml(flows, self.x, self.origin, self.destination)
        self.assertFalse(fit.used[self.origin == 4].any())
        self.assertAlmostEqual(fit.slope, -2.0, delta=1e-12)


if __name__ == "__main__":
    if len(sys.argv) > 1 and not sys.argv[1].startswith("-"):
        binary = sys.argv.pop(1)
    binary = os.path.abspath(binary) if binary else binary
    unittest.main(verbosity=2)
