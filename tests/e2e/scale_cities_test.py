"""The city-scale scenario's data (configs/scale/): scripts/make_cities.py makes the committed file again
byte for byte, keeps every province's population, GDP and land area, gives 300 distinct cities inside
China's extent, and the scenario validates.

    /usr/bin/python3 tests/e2e/scale_cities_test.py BUILD/clustersim
"""
import csv
import pathlib
import subprocess
import sys
import tempfile

ROOT = pathlib.Path(__file__).resolve().parents[2]
COMMITTED = ROOT / "configs" / "scale" / "cities300-regions.csv"
PROVINCES = ROOT / "configs" / "data" / "china31-regions.csv"


def rows_of(path):
    with open(path, newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(line for line in handle if not line.startswith("#")))


def main():
    clustersim = sys.argv[1]
    failures = []
    with tempfile.TemporaryDirectory() as scratch:
        made = pathlib.Path(scratch) / "cities.csv"
        subprocess.run(["/usr/bin/python3", str(ROOT / "scripts" / "make_cities.py"), "--cities", "300", "--seed",
                        "19", "-o", str(made)], check=True, capture_output=True)
        if made.read_bytes() != COMMITTED.read_bytes():
            failures.append("make_cities.py --cities 300 --seed 19 does not make the committed file again")
    cities = rows_of(COMMITTED)
    if len(cities) != 300 or len({c["region"] for c in cities}) != 300:
        failures.append(f"{len(cities)} rows, {len({c['region'] for c in cities})} distinct names; expected 300")
    for city in cities:
        lat, lon = float(city["lat"]), float(city["lon"])
        if not (18.0 <= lat <= 53.5 and 73.5 <= lon <= 135.0):
            failures.append(f"{city['region']} at ({lat}, {lon}) is outside China's extent")
    for province in rows_of(PROVINCES):
        # A province's cities are its capital and the names PROVINCE_NN.
        mine = [c for c in cities if c["region"] == province["capital"] or
                c["region"].startswith(province["region"] + "_")]
        for field in ("population_2022", "gdp_2022", "area_km2"):
            total = sum(int(c[field]) for c in mine)
            if total != round(float(province[field])):
                failures.append(f"{province['region']}: its cities' {field} adds up to {total}, "
                                f"not {province[field]}")
    validate = subprocess.run([clustersim, "validate", str(ROOT / "configs" / "scale" / "cities300.toml")],
                              capture_output=True, text=True)
    if validate.returncode != 0 or "300 regions" not in validate.stdout:
        failures.append(f"validate cities300.toml: exit {validate.returncode}: {validate.stdout}{validate.stderr}")
    for failure in failures:
        print("FAIL", failure)
    print(f"{len(failures)} failures")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
