"""pymodel's sysconfig: no build configuration is modeled."""


def get_config_vars(*args):
    return {}


def get_config_var(name):
    return None
