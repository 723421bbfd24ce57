#!/usr/bin/env python3
"""Independent checks of Lantern case exports (used by the tests).

validate_case.py json SCHEMA FILE   validate a JSON export against the JSON Schema (draft 2020-12)
validate_case.py stix FILE          parse a STIX 2.1 bundle with the stix2 library (no custom content)
Exit 0 when valid; 1 with the reason on stderr otherwise; 2 when a module is missing.
"""
import json
import sys


def main():
    if len(sys.argv) < 3:
        print(__doc__, file=sys.stderr)
        return 2
    mode = sys.argv[1]
    try:
        if mode == "json":
            import jsonschema
            schema = json.load(open(sys.argv[2], encoding="utf-8"))
            document = json.load(open(sys.argv[3], encoding="utf-8"))
            jsonschema.Draft202012Validator.check_schema(schema)
            errors = sorted(jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker())
                            .iter_errors(document), key=lambda e: list(e.path))
            for error in errors[:20]:
                print(f"{'/'.join(map(str, error.path))}: {error.message}", file=sys.stderr)
            return 1 if errors else 0
        if mode == "stix":
            import stix2
            bundle = stix2.parse(open(sys.argv[2], encoding="utf-8").read(), allow_custom=False)
            counts = {}
            for obj in bundle.objects:
                counts[obj.type] = counts.get(obj.type, 0) + 1
            print(json.dumps(counts, sort_keys=True))
            return 0
    except ModuleNotFoundError as error:
        print(f"missing python module: {error.name} (run scripts/install-deps.sh)", file=sys.stderr)
        return 2
    except Exception as error:  # any parse failure is a validation failure
        print(f"{type(error).__name__}: {error}", file=sys.stderr)
        return 1
    print(f"unknown mode {mode}", file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main())
