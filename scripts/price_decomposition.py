#!/usr/bin/python3
"""Decomposes the fall of a future industry's national price index into its causes, from what a run
file records: learning (Wright's law), variety (firms entering and leaving), productivity (the firms'
technology), wages, input prices, the co-location benefit, trade costs and the regional mix of buyers.
Prints a Markdown table per industry; --figure draws it. Runs with /usr/bin/python3 (numpy, pandas,
xarray, matplotlib). Bad input: one line on stderr naming the file, exit status 2.

The run file needs the firm panel at every tick (`--set output.snapshot_every=1`).

Method (docs/validation.md, "Wright's law"; the equations are docs/model.md §7.2 and §7.14). A firm i
of industry k in region r prices at p_i = sigma/(sigma-1) c_rk (w_r/a_i)^(1-alpha) prod_j P_jr^A_jk / m_rk:
c_rk the learning multiple (`regional_future_unit_cost`), w_r the talent wage the tick uses (the
`talent_wage` recorded at the end of the tick before: wages set by the talent market apply from the next
tick), a_i the firm's productivity (`firm_productivity`), P_jr the input price indices the tick uses
(`price_index` of the tick before; where it is 0, no supplier reachable, the last positive one, as the
model keeps it; a link of ticks that use an index never positive in the file is left out, since the
model then holds one set before the file's first record), A the input coefficients (chain.input_share split equally over the
industry's listed inputs, from the scenario the file carries) and m_rk the co-location multiplier
(`colocation_benefit`). The firm's price is observed as firm_sales / firm_output.

Between two ticks, the CES price index P_ks of buyers in region s changes exactly by
  Delta ln P_ks = sum_i w_is Delta ln(p_i tau_rs) + ln(lambda_t / lambda_t-1) / (sigma - 1)
(Sato 1976, Vartia 1976, with Feenstra's 1994 variety term): the sum over the firms observed at both
ticks, w_is their Sato-Vartia weights in s's spending, tau_rs = phi_rs^(1/(1-sigma)) the iceberg cost
(phi from the regions' coordinates and `policy_transport_cost`, docs/model.md §7.2), lambda the share of
those firms in s's index (denominator the recorded `price_index`). The national index (`national_price_index`,
the final-spending-weighted mean of the regional ones) changes exactly by the log-mean (LMDI, Ang 2004)
weighted sum of the regional changes at last tick's spending weights, plus the change of those weights
at this tick's indices (the regional mix); a change common to every region counts exactly as itself. Delta ln p_i splits
into the terms of the pricing equation; what the equation does not explain of a firm's observed price
change is the pricing residual (rounding, if the equation and its timing are right). Chained over ticks,
the parts add up to the change of ln national_price_index exactly; the table shows what is left
(rounding). Firms that exit at the end of a tick have sold in it but are not in its panel: their last
price change falls into the variety term, which therefore differs slightly from the model's own
`variety_gain` (the table shows both).

The first link that can be decomposed ends at tick 2 (the third): tick 1's wages and input prices are
those recorded at tick 0, and tick 0's were set before the file's first record.

Usage:
  /usr/bin/python3 scripts/price_decomposition.py RUN.h5 [--industry NAME ...] [--figure OUT.png]
      [--path-industry NAME]

Examples:
  build/clustersim run configs/future_pilots.toml --set output.snapshot_every=1 -o results/pilots.h5
  /usr/bin/python3 scripts/price_decomposition.py results/pilots.h5 --figure results/pilots-prices.png \\
      --path-industry future_information
"""
import argparse
import math
import pathlib
import sys
import tomllib

import numpy as np
import pandas as pd

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))
import clustersim_files as cf  # noqa: E402

EXPECTED = "expected a clustersim run file with the firm panel at every tick (output.snapshot_every = 1)"
EARTH_RADIUS_KM = 6371.0
# The parts of Delta ln P, in the order of the tables and figures. "residual" is what remains of the
# recorded change after every part: rounding when the decomposition is exact.
PARTS = ("learning", "variety", "productivity", "wages", "input_prices", "colocation", "trade_costs",
         "regional_mix", "pricing_residual", "residual")
PART_LABELS = {"learning": "learning (Wright's law)", "variety": "variety (entry and exit)",
               "productivity": "productivity (firm technology)", "wages": "wages",
               "input_prices": "input prices", "colocation": "co-location benefit", "trade_costs": "trade costs",
               "regional_mix": "regional mix of buyers", "pricing_residual": "pricing residual (firms)",
               "residual": "residual (rounding)"}
PANEL_COLUMNS = ("firm_record_time", "firm_id", "firm_region", "firm_industry", "firm_sales", "firm_output",
                 "firm_productivity")
SERIES = ("price_index", "national_price_index", "final_spending", "talent_wage", "regional_future_unit_cost",
          "colocation_benefit", "policy_transport_cost", "latitude", "longitude", "variety_gain", "cumulative_output")


def log_mean(a, b):
    """The logarithmic mean (a - b) / (ln a - ln b), a where a == b; elementwise, a, b > 0."""
    a, b = np.broadcast_arrays(np.asarray(a, float), np.asarray(b, float))
    ratio = np.log(a) - np.log(b)
    same = np.abs(ratio) < 1e-12
    return np.where(same, 0.5 * (a + b), (a - b) / np.where(same, 1.0, ratio))


def great_circle_km(latitude, longitude):
    """Haversine distances between the regions' capitals, as the model computes them."""
    lat, lon = np.radians(latitude), np.radians(longitude)
    h = (np.sin((lat[None, :] - lat[:, None]) / 2) ** 2
         + np.cos(lat[:, None]) * np.cos(lat[None, :]) * np.sin((lon[None, :] - lon[:, None]) / 2) ** 2)
    return 2.0 * EARTH_RADIUS_KM * np.arcsin(np.minimum(1.0, np.sqrt(h)))


class Run:
    """What the decomposition reads from one run file."""

    def __init__(self, path):
        dataset, kind = cf.open_clustersim(path, EXPECTED)
        if kind != "run":
            raise cf.InputError(f"{path}: a clustersim sweep file, not a run file; {EXPECTED}")
        dataset = cf.with_firm_panel(dataset)  # the panel in the group `firm_panel` or, in earlier files, the root
        missing = [name for name in SERIES + PANEL_COLUMNS if name not in dataset]
        if missing:
            raise cf.InputError(f"{path}: lacks {', '.join(missing)}; {EXPECTED}")
        try:
            scenario = tomllib.loads(dataset.attrs["scenario"])
        except (KeyError, tomllib.TOMLDecodeError) as error:
            raise cf.InputError(f"{path}: no readable resolved scenario (attribute `scenario`): {error}") from None
        self.path = path
        self.scenario = scenario
        self.industries = [str(name) for name in dataset["industry"].values]
        records = {record["industry"]: record for record in scenario["industries"]}
        default_sigma = float(scenario["market"]["elasticity"])
        self.sigma = np.array([float(records[k].get("elasticity", default_sigma)) for k in self.industries])
        self.kind = [records[k]["kind"] for k in self.industries]
        self.input_coefficients = self._input_coefficients(records, float(scenario["chain"]["input_share"]))
        self.alpha = self.input_coefficients.sum(axis=0)
        self.years_per_tick = float(scenario["simulation"]["months_per_tick"]) / 12.0
        self.times = dataset["time"].values
        for name in SERIES:
            setattr(self, name, dataset[name].transpose(*[d for d in ("time", "region", "industry")
                                                          if d in dataset[name].dims]).values.astype(float))
        self.distance_km = great_circle_km(self.latitude, self.longitude)
        self.input_price_indices = self._input_price_indices()
        self.panel = self._read_panel(dataset)
        dataset.close()

    def _input_coefficients(self, records, input_share):
        """A(j, k): input_share split equally over k's listed inputs (models/industrial/supply_chain.cpp)."""
        index = {name: k for k, name in enumerate(self.industries)}
        a = np.zeros((len(self.industries), len(self.industries)))
        for k, name in enumerate(self.industries):
            inputs = records[name].get("inputs", [])
            for supplier in inputs:
                a[index[supplier], k] += input_share / len(inputs)
        return a

    def _read_panel(self, dataset):
        ticks = np.searchsorted(self.times, dataset["firm_record_time"].values)
        every = np.arange(len(self.times))
        if not np.array_equal(np.unique(ticks), every):
            raise cf.InputError(f"{self.path}: the firm panel is not written at every tick; {EXPECTED}")
        panel = pd.DataFrame({"tick": ticks,
                              "id": dataset["firm_id"].values.astype(np.int64),
                              "region": dataset["firm_region"].values.astype(np.int64),
                              "industry": dataset["firm_industry"].values.astype(np.int64),
                              "output": dataset["firm_output"].values.astype(float),
                              "productivity": dataset["firm_productivity"].values.astype(float)})
        # Entrants of a tick have not sold in it (output 0): they are in the next tick's market.
        sold = panel["output"] > 0
        panel["price"] = np.nan
        panel.loc[sold, "price"] = dataset["firm_sales"].values[sold.values] / panel.loc[sold, "output"]
        return panel[sold].reset_index(drop=True)

    def input_price_index(self, tick):
        """The input price indices tick `tick` uses (region x industry)."""
        return self.input_price_indices[tick - 1]

    def _input_price_indices(self):
        """The input price indices after each tick, as models/industrial/supply_chain.cpp keeps them: the
        last positive price index. One never positive in the file is NaN: the model then holds one from
        before the file's first record (or, if none was ever positive, a mean of others), which the file
        cannot tell."""
        kept = self.price_index.copy()
        for t in range(1, len(kept)):
            kept[t] = np.where(kept[t] > 0, kept[t], kept[t - 1])
        return np.where(kept > 0, kept, np.nan)

    def trade_freeness(self, tick, k):
        t = self.policy_transport_cost[tick]
        return (1.0 + 0.5 * (t[:, None] + t[None, :]) * self.distance_km / 1000.0) ** (1.0 - self.sigma[k])

    def future_industries(self):
        return [name for name, kind in zip(self.industries, self.kind) if kind == "future"]


def cost_terms(run, firms, tick, k):
    """Each firm's log price split as the pricing equation has it, at `tick` (which reads tick - 1)."""
    region = firms["region"].to_numpy()
    alpha = run.alpha[k]
    suppliers = run.input_coefficients[:, k] > 0
    log_inputs = np.log(run.input_price_index(tick)[:, suppliers]) @ run.input_coefficients[suppliers, k]
    terms = {"markup": np.full(len(firms), math.log(run.sigma[k] / (run.sigma[k] - 1.0))),
             "learning": np.log(run.regional_future_unit_cost[tick, region, k]),
             # The wage in 1e4 CNY per person-year, prices in 1e8 CNY: the unit cost of labour is w / a x 1e-4.
             "wages": (1.0 - alpha) * np.log(run.talent_wage[tick - 1, region] * 1e-4),
             "productivity": -(1.0 - alpha) * np.log(firms["productivity"].to_numpy()),
             "input_prices": log_inputs[region],
             "colocation": -np.log(run.colocation_benefit[tick, region, k])}
    terms["pricing_residual"] = np.log(firms["price"].to_numpy()) - sum(terms.values())
    return terms


def link(run, k, tick, by_tick):
    """The parts of Delta ln national_price_index of industry k from tick - 1 to tick, and the largest
    absolute pricing residual of a firm at either tick."""
    sigma = run.sigma[k]
    before = by_tick[tick - 1]
    after = by_tick[tick]
    before = before[before["industry"] == k].set_index("id")
    after = after[after["industry"] == k].set_index("id")
    common = before.index.intersection(after.index)
    if len(common) == 0:
        return None
    before, after = before.loc[common], after.loc[common]
    terms_before = cost_terms(run, before, tick - 1, k)
    terms_after = cost_terms(run, after, tick, k)
    if np.isnan(terms_before["input_prices"]).any() or np.isnan(terms_after["input_prices"]).any():
        return None  # an input price index the tick used was set before the file's first record
    region = after["region"].to_numpy()
    phi_before = run.trade_freeness(tick - 1, k)[region]  # firm x buyer region
    phi_after = run.trade_freeness(tick, k)[region]
    power_before = phi_before * before["price"].to_numpy()[:, None] ** (1.0 - sigma)
    power_after = phi_after * after["price"].to_numpy()[:, None] ** (1.0 - sigma)
    common_before, common_after = power_before.sum(axis=0), power_after.sum(axis=0)
    # Sato-Vartia weights of the common firms in each buyer region's spending.
    weights = log_mean(power_after / common_after, power_before / common_before)
    weights /= weights.sum(axis=0)
    index_before, index_after = run.price_index[tick - 1, :, k], run.price_index[tick, :, k]
    if (index_before <= 0).any() or (index_after <= 0).any():
        return None
    share_before = common_before / index_before ** (1.0 - sigma)
    share_after = common_after / index_after ** (1.0 - sigma)
    regional = {part: weights.T @ (terms_after[part] - terms_before[part])
                for part in ("learning", "productivity", "wages", "input_prices", "colocation", "pricing_residual")}
    regional["trade_costs"] = (weights * np.log(phi_after / phi_before) / (1.0 - sigma)).sum(axis=0)
    regional["variety"] = np.log(share_after / share_before) / (sigma - 1.0)
    # National index X = sum_s iota_s P_ks. First the regional indices move at last tick's spending
    # weights, y_s = iota_s,t-1 P_ks: Delta ln sum y = sum_s L(y_s) / L(sum y) Delta ln P_ks exactly (log-mean
    # weights, LMDI), which gives a change common to every region exactly to that change; then the weights
    # move at this tick's indices: the regional mix, ln(sum iota_t P_t / sum iota_t-1 P_t).
    iota_before = run.final_spending[tick - 1] / run.final_spending[tick - 1].sum()
    iota_after = run.final_spending[tick] / run.final_spending[tick].sum()
    y_before, y_after = iota_before * index_before, iota_before * index_after
    national_weights = log_mean(y_after, y_before) / log_mean(y_after.sum(), y_before.sum())
    parts = {part: float(national_weights @ values) for part, values in regional.items()}
    parts["regional_mix"] = math.log((iota_after * index_after).sum() / y_after.sum())
    # The recorded change: that of the final-spending-weighted mean of the recorded regional indices, which
    # is national_price_index up to its base (the initialisation's index; 0 when k had no firm then).
    recorded = math.log((iota_after * index_after).sum() / y_before.sum())
    parts["residual"] = recorded - sum(parts.values())
    parts["total"] = recorded
    recorded_national = run.national_price_index[[tick - 1, tick], k]
    parts["national_index_gap"] = (abs(math.log(recorded_national[1] / recorded_national[0]) - recorded)
                                   if (recorded_national > 0).all() else 0.0)
    parts["model_variety"] = float(national_weights @ -(run.variety_gain[tick, :, k] - run.variety_gain[tick - 1, :, k]))
    largest = max(np.abs(terms_before["pricing_residual"]).max(), np.abs(terms_after["pricing_residual"]).max())
    return parts, largest, len(common)


def decompose(run, industries):
    """One row per industry and link (tick - 1 -> tick, tick >= 2): the parts, the recorded total, the
    model's own variety term, the largest firm pricing residual and the number of common firms."""
    by_tick = dict(tuple(run.panel.groupby("tick")))
    rows = []
    for name in industries:
        k = run.industries.index(name)
        for tick in range(2, len(run.times)):
            if tick - 1 not in by_tick or tick not in by_tick:
                continue
            result = link(run, k, tick, by_tick)
            if result is None:
                continue
            parts, largest, firms = result
            rows.append({"industry": name, "tick": tick, **parts, "largest_pricing_residual": largest,
                         "common_firms": firms})
    return pd.DataFrame(rows)


def summary(links):
    """Per industry: the sum over links of each part (log points), the first and last tick."""
    totals = links.groupby("industry", sort=False)[list(PARTS) + ["total", "model_variety"]].sum()
    ticks = links.groupby("industry", sort=False)["tick"].agg(["min", "max"])
    totals["from_tick"] = ticks["min"] - 1
    totals["to_tick"] = ticks["max"]
    totals["links"] = links.groupby("industry", sort=False)["tick"].count()
    for name in ("largest_pricing_residual", "national_index_gap"):
        totals[name] = links.groupby("industry", sort=False)[name].max()
    return totals


def markdown_table(totals):
    """Parts as factors of the price fall: exp(-part) (a factor above 1 lowered the price), and log points."""
    lines = ["| part | " + " | ".join(totals.index) + " |", "|---|" + "---|" * len(totals)]
    def row(label, values, cell):
        lines.append(f"| {label} | " + " | ".join(cell(value) for value in values) + " |")

    def factor(value):
        return f"{math.exp(-value):.3f} ({value:+.3f})"

    row("from tick, to tick (links of one tick)", zip(totals["from_tick"], totals["to_tick"], totals["links"]),
        lambda ticks: f"{ticks[0]}, {ticks[1]} ({ticks[2]})")
    row("observed fall of the national price index", totals["total"], factor)
    for part in PARTS:
        # The two residuals are rounding when the method is exact: shown as log points, unrounded.
        row(PART_LABELS[part], totals[part], (lambda value: f"{value:+.1e}") if "residual" in part else factor)
    row("largest pricing residual of a firm (log)", totals["largest_pricing_residual"], lambda value: f"{value:.1e}")
    row("variety, the model's own `variety_gain`", totals["model_variety"], factor)
    return "\n".join(lines)


def draw(totals, links, path, path_industry=None):
    """Left: horizontal bars of each part's log change per industry, the recorded total as a marker.
    Right (with path_industry): the cumulative parts of that industry tick by tick, with the recorded
    ln price index."""
    shown = [part for part in PARTS if (totals[part].abs() > 1e-3).any()]
    colours = {part: cf.plt.get_cmap("tab10")(i) for i, part in enumerate(PARTS)}
    figure, axes = cf.plt.subplots(1, 2 if path_industry else 1, figsize=(15 if path_industry else 9,
                                                                            0.6 * len(totals) + 2.2), squeeze=False)
    bars = axes[0, 0]
    positions = np.arange(len(totals))
    left_neg = np.zeros(len(totals))
    left_pos = np.zeros(len(totals))
    for part in shown:
        values = totals[part].to_numpy()
        bars.barh(positions, values, left=np.where(values < 0, left_neg, left_pos), color=colours[part],
                  label=PART_LABELS[part])
        left_neg += np.minimum(values, 0)
        left_pos += np.maximum(values, 0)
    bars.plot(totals["total"].to_numpy(), positions, "kD", label="observed change of ln national price index")
    bars.set_yticks(positions, totals.index)
    bars.axvline(0, color="black", linewidth=0.8)
    bars.set_xlabel(f"change of ln price index, tick {totals['from_tick'].min()} to {totals['to_tick'].max()} "
                    "(negative: the price fell)")
    bars.invert_yaxis()
    bars.legend(fontsize=8, loc="lower left", bbox_to_anchor=(0, 1.02), ncol=2, frameon=False)
    if path_industry:
        path_axes = axes[0, 1]
        own = links[links["industry"] == path_industry].sort_values("tick")
        ticks = np.concatenate([[own["tick"].iloc[0] - 1], own["tick"].to_numpy()])
        for part in shown:
            path_axes.plot(ticks, np.concatenate([[0.0], own[part].cumsum().to_numpy()]), color=colours[part],
                           label=PART_LABELS[part])
        path_axes.plot(ticks, np.concatenate([[0.0], own["total"].cumsum().to_numpy()]), "k--",
                       label="observed ln national price index")
        path_axes.axhline(0, color="black", linewidth=0.8)
        path_axes.set_xlabel("tick")
        path_axes.set_ylabel(f"change since tick {ticks[0]} (log)")
        path_axes.set_title(path_industry)
    figure.tight_layout()
    cf.save_figure(figure, pathlib.Path(path))


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("run", help="run file with the firm panel at every tick")
    parser.add_argument("--industry", action="append", help="industry to decompose (default: every future industry)")
    parser.add_argument("--figure", help="write the bar chart of the parts here (.png, .pdf, .svg)")
    parser.add_argument("--path-industry", help="add to the figure the parts of this industry tick by tick")
    arguments = parser.parse_args()
    run = Run(arguments.run)
    industries = arguments.industry or run.future_industries()
    unknown = [name for name in industries if name not in run.industries]
    if unknown:
        raise cf.InputError(f"{arguments.run}: no industry {', '.join(unknown)} (industries: {', '.join(run.industries)})")
    if arguments.path_industry and arguments.path_industry not in industries:
        raise cf.InputError(f"--path-industry {arguments.path_industry}: not among the industries decomposed "
                            f"({', '.join(industries)})")
    links = decompose(run, industries)
    if links.empty:
        raise cf.InputError(f"{arguments.run}: no two consecutive ticks from tick 2 on with firms of "
                            f"{', '.join(industries)} in both")
    totals = summary(links)
    print(markdown_table(totals))
    if arguments.figure:
        draw(totals, links, arguments.figure, arguments.path_industry)
    return 0


if __name__ == "__main__":
    cf.run_script(main)
