"""pymodel's unittest.mock: a Mock that records its calls."""


class Mock:
    def __init__(self, return_value=None):
        self.return_value = return_value
        self.call_args_list = []

    @property
    def called(self):
        return bool(self.call_args_list)

    @property
    def call_count(self):
        return len(self.call_args_list)

    def __call__(self, *args, **kwargs):
        self.call_args_list.append((args, kwargs))
        return self.return_value

    def assert_not_called(self):
        if self.call_args_list:
            raise AssertionError("Expected 'mock' to not have been called. Called %d times." % self.call_count)

    def assert_called(self):
        if not self.call_args_list:
            raise AssertionError("Expected 'mock' to have been called.")
