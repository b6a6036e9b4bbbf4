"""Cases that hand the program something other than a regular file where it reads one (the scenario, its
base, a CSV data file, an initial state, a sweep's scenario) or writes one (the output): a FIFO, a
directory, a device, an empty file, a dangling or looping link, a large file. A FIFO or device must be
refused without being read (reading a FIFO blocks for ever, a device may never end); the message names it.
"""
from case import ANY, Case, HANDLED_RUN, REFUSED, Special
from scenario_text import ScenarioText

# Text inputs above this size are refused unread (sim/config/text_file.hpp; docs/config.md).
MAX_TEXT_FILE_BYTES = 4 << 20

THINGS = {
    "a FIFO": Special("fifo"),
    "a directory": Special("directory"),
    "/dev/zero": Special("symlink", "/dev/zero"),
    "/dev/urandom": Special("symlink", "/dev/urandom"),
    "/dev/null": Special("symlink", "/dev/null"),
    "an empty file": b"",
    "a dangling link": Special("symlink", "no_such_file"),
    "a link to itself": Special("symlink", "thing"),
    "an HDF5 signature": b"\x89HDF\r\n\x1a\n" + b"\x00" * 100,
    "binary junk": bytes(range(256)) * 64,
}
ROLES = ("scenario", "base", "regions file", "initial state", "sweep scenario", "output")


def special_file(context, rng):
    role = rng.choice(ROLES)
    if role == "output":
        return _output(rng)
    thing = rng.choice(list(THINGS) + ["a large file"])
    content = THINGS.get(thing, Special("large", size=rng.choice([1 << 20, 16 << 20])))
    name = "thing"
    files = {name: content}
    expected, mentions, command, target = REFUSED, (name,), rng.choice(["run", "validate"]), "scenario.toml"
    if thing == "a large file":
        # A large scenario within the size limit is a valid one in every role it can take; above the limit it
        # is refused unread, and elsewhere it is the wrong kind of file.
        fits = content.size <= MAX_TEXT_FILE_BYTES
        expected = HANDLED_RUN if fits and role in ("scenario", "base", "sweep scenario") else REFUSED
    if thing == "/dev/null" and role == "output":
        expected = ANY
    text = ScenarioText()
    if role == "scenario":
        target = name
        if thing == "a large file":
            files[name] = Special("large", size=content.size)
    elif role == "base":
        text = ScenarioText(base=name)
        # Read or not, the base is at fault: its own name (and line, once read) or the line naming it.
        mentions = (name,)
        if thing == "a large file":
            files[name] = Special("large", size=content.size)
    elif role == "regions file":
        text.set("regions", f'{{ file = "{name}" }}')
        mentions = (name,)
    elif role == "initial state":
        text.set("simulation.initial_state", f'"{name}"')
        mentions = (name,)
    elif role == "sweep scenario":
        command, target = "sweep", "sweep_fuzz.toml"
        files[target] = (context.base_sweep.replace('scenario = "tiny.toml"', f'scenario = "{name}"')).encode()
        # A file that cannot be read is refused at the sweep file's `scenario` line; one that is read and
        # found wrong (empty, not TOML) at its own lines, which name it.
        readable = isinstance(content, bytes) or (thing == "a large file" and content.size <= MAX_TEXT_FILE_BYTES)
        mentions = (name,) if readable else (name, "sweep_fuzz.toml:")
        if thing == "a large file":
            files[name] = Special("large", size=content.size)
    if role not in ("scenario", "sweep scenario"):
        files["scenario.toml"] = text.render()[0].encode()
    return Case(family="special", category=f"special: {thing} as the {role}", label=f"{thing} as the {role}",
                command=command, target=target, files=files, expected=expected, mentions=mentions)


def _output(rng):
    thing = rng.choice(["a directory", "a file in a missing folder", "a FIFO"])
    files = {}
    if thing == "a directory":
        files["out_dir"] = Special("directory")
        output = "out_dir"
    elif thing == "a FIFO":
        files["out_fifo"] = Special("fifo")
        output = "out_fifo"
    else:
        output = "no_such_folder/out.h5"
    return Case(family="special", category=f"special: {thing} as the output", label=f"-o {output} ({thing})",
                target="tiny.toml", files=files, expected=ANY, mentions=(output.split("/")[0],), output=output)
