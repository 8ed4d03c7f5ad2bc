from .seed import seed_catalogue_demo

__all__ = ["seed_catalogue_demo"]
