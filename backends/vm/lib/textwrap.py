"""pymodel's textwrap: dedent."""


def dedent(text):
    lines = text.split("\n")
    margin = None
    for line in lines:
        stripped = line.lstrip(" \t")
        if not stripped:
            continue
        indent = line[:len(line) - len(stripped)]
        if margin is None or len(indent) < len(margin):
            margin = indent
    if not margin:
        return text
    return "\n".join(line[len(margin):] if line.startswith(margin) else line.lstrip(" \t") for line in lines)
