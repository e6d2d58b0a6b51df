# Modules of the runtime's own library, which it always compiles: where
# pymodel's front end cannot (a syntax newer than its own), the import
# stops as unsupported, never as a SyntaxError a program could catch.

# probe: typing, its SyntaxError caught
try:
    import typing

    print("typing imported")
except SyntaxError as e:
    print("SyntaxError", e)

# probe: dataclasses, its SyntaxError caught
try:
    import dataclasses

    print("dataclasses imported")
except SyntaxError as e:
    print("SyntaxError", e)
