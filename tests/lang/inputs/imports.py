import gc
import os.path
import weakref as wr
import os.path as osp
from sys import getrefcount, exit as leave
from weakref import (ref,
                     finalize)
gc.collect()
wr.ref(obj)
