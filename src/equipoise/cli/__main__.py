"""``python -m equipoise.cli``: the same as the ``equipoise`` command."""

from equipoise.cli import main

if __name__ == "__main__":
    main()
