#!/usr/bin/python3
"""Synthetic city regions for the city-scale scenario (configs/scale/), made from the 31 provinces' data.

    /usr/bin/python3 scripts/make_cities.py [--cities 300] [--seed 19] [-o configs/scale/cities300-regions.csv]

Every province gets cities in proportion to its population (at least one). Its population, GDP and land
area are shared among its cities, so each province's totals are kept exactly (up to rounding):
- population: Zipf's rank-size rule within the province, share of rank k proportional to k^-1 (Gabaix 1999,
  "Zipf's law for cities: an explanation", QJE 114(3)), times lognormal noise of sigma 0.3;
- GDP: proportional to population^1.15, the superlinear scaling of urban output with size (Bettencourt et
  al. 2007, "Growth, innovation, scaling, and the pace of life in cities", PNAS 104(17); beta 1.13-1.15);
- land area: proportional to population^0.5, so larger cities are denser;
- location: the first city at the provincial capital, the others at a uniformly random point of the disc
  whose area is the province's land area, centred on the capital, and kept inside China's bounding box.
The cities are illustrative: they reproduce the spread of city sizes and their clustering in space, not
any real prefecture. Same arguments, same file.
"""
import argparse
import csv
import math
import pathlib

import numpy as np

ROOT = pathlib.Path(__file__).resolve().parent.parent
PROVINCES = ROOT / "configs" / "data" / "china31-regions.csv"
ZIPF_EXPONENT = 1.0
SIZE_NOISE = 0.3
OUTPUT_SCALING = 1.15
AREA_SCALING = 0.5
LAT_RANGE = (18.0, 53.5)   # China's extent, degrees north
LON_RANGE = (73.5, 135.0)  # degrees east
KM_PER_DEGREE = 111.2


def read_provinces(path):
    with open(path, newline="", encoding="utf-8") as handle:
        rows = [line for line in handle if not line.startswith("#")]
    return list(csv.DictReader(rows))


def allocate(weights, total):
    """Whole numbers >= 1 summing to `total`, proportional to `weights` (largest remainders)."""
    weights = np.asarray(weights, dtype=float)
    if total < len(weights):
        raise SystemExit(f"make_cities.py: {total} cities cannot give each of {len(weights)} provinces one")
    extra = total - len(weights)
    quota = extra * weights / weights.sum()
    counts = np.floor(quota).astype(int)
    order = np.argsort(-(quota - counts), kind="stable")
    counts[order[: extra - counts.sum()]] += 1
    return counts + 1


def shares(weights):
    weights = np.asarray(weights, dtype=float)
    return weights / weights.sum()


def split_rounded(total, weights, minimum):
    """Integer parts of `total` proportional to `weights`, each at least `minimum`, summing to `total`."""
    parts = np.maximum(minimum, np.round(total * shares(weights))).astype(np.int64)
    parts[np.argmax(parts)] += int(round(total)) - parts.sum()
    return parts


def make_cities(provinces, cities, seed):
    rng = np.random.default_rng(seed)
    counts = allocate([float(p["population_2022"]) for p in provinces], cities)
    rows = []
    for province, count in zip(provinces, counts):
        ranks = np.arange(1, count + 1, dtype=float)
        size = ranks ** -ZIPF_EXPONENT * np.exp(SIZE_NOISE * rng.standard_normal(count))
        size[0] = max(size[0], size.max() * 1.01)  # the capital stays the largest city
        population = split_rounded(float(province["population_2022"]), size, 1)
        gdp = split_rounded(float(province["gdp_2022"]), population.astype(float) ** OUTPUT_SCALING, 1)
        area = split_rounded(float(province["area_km2"]), population.astype(float) ** AREA_SCALING, 1)
        lat0, lon0 = float(province["lat"]), float(province["lon"])
        radius_km = math.sqrt(float(province["area_km2"]) / math.pi)
        for k in range(count):
            if k == 0:
                lat, lon = lat0, lon0
                name = province["capital"]
            else:
                distance = radius_km * math.sqrt(rng.uniform())
                angle = rng.uniform(0.0, 2.0 * math.pi)
                lat = lat0 + distance * math.sin(angle) / KM_PER_DEGREE
                lon = lon0 + distance * math.cos(angle) / (KM_PER_DEGREE * math.cos(math.radians(lat0)))
                lat = min(max(lat, LAT_RANGE[0]), LAT_RANGE[1])
                lon = min(max(lon, LON_RANGE[0]), LON_RANGE[1])
                name = f"{province['region']}_{k + 1:02d}"
            rows.append({"region": name, "capital": name, "lat": f"{lat:.2f}", "lon": f"{lon:.2f}",
                         "gdp_2022": int(gdp[k]), "population_2022": int(population[k]), "area_km2": int(area[k])})
    return rows


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cities", type=int, default=300)
    parser.add_argument("--seed", type=int, default=19)
    parser.add_argument("-o", "--output", type=pathlib.Path,
                        default=ROOT / "configs" / "scale" / "cities300-regions.csv")
    args = parser.parse_args()
    rows = make_cities(read_provinces(PROVINCES), args.cities, args.seed)
    args.output.parent.mkdir(parents=True, exist_ok=True)
    with open(args.output, "w", newline="", encoding="utf-8") as out:
        out.write(f"# {len(rows)} synthetic city regions made by scripts/make_cities.py --cities {args.cities} "
                  f"--seed {args.seed} from\n# configs/data/china31-regions.csv: each province's population, "
                  "GDP and land area shared among its cities\n# (rank-size rule for population, output "
                  "scaling with size, locations around the capital). Illustrative, not real\n# prefectures; "
                  "units as in china31-regions.csv (GDP 1e8 yuan, population 1e4 persons, area km2).\n")
        writer = csv.DictWriter(out, fieldnames=list(rows[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    print(f"{args.output}: {len(rows)} cities")


if __name__ == "__main__":
    main()
