"""The shipped norm frameworks and their schema. A package only so that the YAML files install
inside the wheel and resolve through importlib.resources after a plain `pip install`."""
