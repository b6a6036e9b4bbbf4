"""The fuzz corpus: case number i of seed s, the same on every machine and in every order of running.

Each case draws from its own random stream, seeded by (seed, i), so a sample of cases can be split into
shards or run in parallel processes without changing what is tried, and one case can be made again alone.
"""
import dataclasses
import random

import calibration_cases
import csv_cases
import key_cases
import record_cases
import reference
import special_files
import sweep_cases
import toml_cases
from case import TINY

# (weight, family): weights give roughly 2,000 cases a few dozen of every family.
FAMILIES = [
    (26, key_cases.one_key),
    (10, key_cases.several_keys),
    (3, key_cases.command_line),
    (14, record_cases.record_field),
    (5, record_cases.record_semantics),
    (13, csv_cases.broken_csv),
    (9, toml_cases.malformed_toml),
    (4, special_files.special_file),
    (5, sweep_cases.sweep_key),
    (5, sweep_cases.swept_value),
    (4, sweep_cases.sweep_design),
    (2, calibration_cases.calibration_key),
    (1, calibration_cases.calibration_file),
    (1, calibration_cases.calibration_parameters),
    (2, calibration_cases.calibration_moments),
    (1, calibration_cases.calibration_targets),
    (1, calibration_cases.calibration_command),
    (2, None),  # a mixture: a broken CSV file and keys outside their ranges in one scenario
]


@dataclasses.dataclass
class Context:
    specs: list
    sweep_specs: list
    calibration_specs: list
    base_sweep: str

    def spec(self, path):
        return next(s for s in self.specs if s.path == path)


def context_of(binary):
    return Context(specs=reference.read(binary), sweep_specs=reference.read(binary, sweep=True),
                   calibration_specs=reference.read(binary, calibration=True),
                   base_sweep=(TINY / "sweep.toml").read_text())


def _mixture(context, rng):
    """Problems in two files at once: every one of them must be in the same report."""
    broken = csv_cases.broken_csv(context, rng, schema_level=True)
    specs = rng.sample(key_cases.scalar_specs(context.specs), 2)
    values = []
    for spec in specs:
        _, outside, wrong = key_cases.values_for(spec, rng)
        values.append((spec, rng.choice(outside + wrong)))
    keys = key_cases.build(values, rng, "mixture")
    scenario = keys.files["scenario.toml"]
    name = next(iter(broken.files))
    return dataclasses.replace(
        keys, category=f"mixture: {broken.category} + {keys.category}", label=f"{broken.label}; {keys.label}",
        files={"scenario.toml": scenario, **broken.files}, mentions=keys.mentions + broken.mentions + (name,),
        patterns=broken.patterns)


def case(context, seed, index):
    rng = random.Random(f"clustersim-fuzz/{seed}/{index}")
    family = rng.choices([f for _, f in FAMILIES], [w for w, _ in FAMILIES])[0] or _mixture
    made = family(context, rng)
    made.index = index
    return made
