"""Values to put in one key: inside its documented range, just outside it, and of the wrong type.

Each value is a TOML literal (the same text works after `--set key=`, which the program parses as TOML)
with its class:
  inside   within the documented range: the run must end with exit 0 and finite output, or exit 1 and one
           line; never a hang, a crash or memory without bound;
  outside  outside the range (NaN and infinities included): refused with exit 2, naming the key;
  type     of another type: refused with exit 2, naming the key.
"""
import dataclasses
import math

from reference import INF

LARGEST = 1.7976931348623157e308
SMALLEST = 5e-324              # the smallest positive (subnormal) double
SMALLEST_NORMAL = 2.2250738585072014e-308

# Keys whose documented maximum sets how much work a run does (ticks, firms, runs of a sweep or a calibration):
# their maxima are long runs rather than hostile input, so the corpus tries them up to a size a sample can
# afford and the maxima themselves only where they are refused.
WORK_SIZE = {
    "simulation.ticks": 400,
    "simulation.burn_in_years": 20,
    "firms.initial_count": 20000,
    "sweep.replicates": 3,
    "sweep.samples": 3,
    # A calibration runs about global_points + batch_rounds * batch_size + local_evaluations points (and the
    # Jacobian's), each replicates times, and covariance_replicates more with the efficient weighting.
    "calibration.replicates": 2,
    "calibration.covariance_replicates": 8,
    "calibration.search.global_points": 8,
    "calibration.search.batch_rounds": 2,
    "calibration.search.batch_size": 4,
    "calibration.search.local_evaluations": 10,
}


@dataclasses.dataclass(frozen=True)
class Value:
    text: str      # TOML literal
    verdict: str   # inside, outside, type
    label: str     # what the value is, for the case's name


def real_literal(x):
    if math.isnan(x):
        return "nan"
    if math.isinf(x):
        return "inf" if x > 0 else "-inf"
    text = repr(float(x))
    return text if any(c in text for c in ".eEn") else text + ".0"


def _real(spec, rng):
    r = spec.range
    inside, outside = [], []

    def add(x, label):
        (inside if r.contains(x) else outside).append(Value(real_literal(x), "inside" if r.contains(x) else "outside",
                                                            label))
    if not math.isinf(r.low):
        add(r.low, "the minimum" if not r.low_open else "the open minimum")
        add(math.nextafter(r.low, INF), "just above the minimum")
        add(math.nextafter(r.low, -INF), "just below the minimum")
        add(r.low - 1, "the minimum - 1")
    else:
        add(-LARGEST, "the most negative double")
        add(-1e300, "-1e300")
    if not math.isinf(r.high):
        add(r.high, "the maximum" if not r.high_open else "the open maximum")
        add(math.nextafter(r.high, -INF), "just below the maximum")
        add(math.nextafter(r.high, INF), "just above the maximum")
        add(r.high + 1, "the maximum + 1")
    else:
        for x, label in [(LARGEST, "the largest double"), (1e308, "1e308"), (1e200, "1e200"), (1e100, "1e100"),
                         (2.0**64, "2^64"), (2.0**32, "2^32"), (1e6, "1e6")]:
            add(x, label)
    for x, label in [(0.0, "zero"), (-0.0, "negative zero"), (SMALLEST, "the smallest positive double"),
                     (SMALLEST_NORMAL, "the smallest normal double"), (1e-9, "1e-9"), (-1.0, "-1"),
                     (-1e308, "-1e308"), (1e308, "1e308")]:
        add(x, label)
    for x, label in [(math.nan, "nan"), (INF, "inf"), (-INF, "-inf")]:
        add(x, label)
    add(_random_inside(r, rng), "a random value inside")
    return inside, outside


def _random_inside(r, rng):
    low = r.low if not math.isinf(r.low) else -1e12
    high = r.high if not math.isinf(r.high) else 1e12
    if low >= 0 and high > 0 and rng.random() < 0.5:
        x = math.exp(rng.uniform(math.log(max(low, 1e-12)), math.log(high)))
    else:
        x = rng.uniform(low, high)
    return x if r.contains(x) else (low + high) / 2


def _integer(spec, rng):
    r = spec.range
    low = -2**63 if math.isinf(r.low) else int(r.low) + (1 if r.low_open else 0)
    high = 2**63 - 1 if math.isinf(r.high) else int(r.high) - (1 if r.high_open else 0)
    cap = WORK_SIZE.get(spec.path)
    inside, outside = [], []

    def add(n, label):
        ok = low <= n <= high and -2**63 <= n < 2**63
        if ok and cap is not None and n > cap:
            return
        (inside if ok else outside).append(Value(str(n), "inside" if ok else "outside", label))
    add(low, "the minimum")
    add(low + 1, "the minimum + 1")
    add(low - 1, "the minimum - 1")
    add(high, "the maximum")
    add(high - 1, "the maximum - 1")
    add(high + 1, "the maximum + 1")
    for n, label in [(0, "zero"), (-1, "-1"), (2**31 - 1, "2^31 - 1"), (2**31, "2^31"), (2**32, "2^32"),
                     (2**53 + 1, "2^53 + 1"), (2**63 - 1, "2^63 - 1"), (-2**63, "-2^63")]:
        add(n, label)
    if cap is not None:
        add(min(cap, high), "a large size")
    add(rng.randint(low, min(high, cap if cap is not None else high)), "a random value inside")
    wrong = [Value("1.5", "type", "a real"), Value(f"{max(low, 0)}.0", "type", "a whole real")]
    return inside, outside, wrong


def _date(spec, rng):
    inside = [Value(text, "inside", label) for text, label in [
        ("2023-01-01", "the default start"), ("2024-02-01", "a leap-year February"), ("1990-07-01", "1990"),
        ("2100-12-01", "2100")]]
    outside = [Value(text, "outside", label) for text, label in [
        ("2023-01-15", "not the first of a month"), ("2023-02-28", "the end of February")]]
    wrong = [Value('"2023-01-01"', "type", "a quoted date"), Value("2023-01-01T00:00:00", "type", "a date and time"),
             Value("12:00:00", "type", "a time"), Value("20230101", "type", "an integer")]
    return inside, outside, wrong


COMMON_WRONG_TYPES = [("\"text\"", "a string"), ("true", "a boolean"), ("[1.0, 2.0]", "an array"),
                      ("{ a = 1 }", "an inline table"), ("2023-01-01", "a date"), ('""', "an empty string")]


def values_for(spec, rng):
    """(inside, outside, wrong type) values for one scalar key or field."""
    wrong = [Value(text, "type", label) for text, label in COMMON_WRONG_TYPES]
    if spec.kind == "real":
        inside, outside = _real(spec, rng)
        return inside, outside, wrong
    if spec.kind == "integer":
        inside, outside, extra = _integer(spec, rng)
        return inside, outside, wrong + extra
    if spec.kind == "boolean":
        inside = [Value("true", "inside", "true"), Value("false", "inside", "false")]
        wrong = [w for w in wrong if w.label != "a boolean"]
        wrong += [Value('"true"', "type", "a quoted boolean"), Value("1", "type", "the integer 1")]
        return inside, [], wrong
    if spec.kind == "choice":
        inside = [Value(f'"{choice}"', "inside", choice) for choice in spec.choices]
        outside = [Value('"bogus"', "outside", "an unknown choice"),
                   Value(f'"{spec.choices[0].upper()}"', "outside", "a choice in capitals"),
                   Value(f'" {spec.choices[0]}"', "outside", "a choice with a leading blank"),
                   Value('""', "outside", "an empty choice")]
        wrong = [w for w in wrong if w.label not in ("a string", "an empty string")]
        wrong.append(Value("1", "type", "an integer"))
        return inside, outside, wrong
    if spec.kind == "date":
        return _date(spec, rng)
    if spec.kind == "string":
        inside = [Value('"x"', "inside", "a short string")]
        wrong = [w for w in wrong if w.label not in ("a string", "an empty string")]
        wrong.append(Value("1", "type", "an integer"))
        return inside, [], wrong
    return [], [], wrong
