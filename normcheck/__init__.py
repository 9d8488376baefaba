"""normcheck: does this housing plan leave room for the facilities its residents will need?"""

__version__ = "0.1.0"
