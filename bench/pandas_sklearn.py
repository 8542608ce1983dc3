"""The peer a data scientist would use: pandas.read_csv + classification_report + confusion_matrix."""
import json
import resource
import sys
import time

started = time.perf_counter()
import pandas as pd  # noqa: E402  (import time counts: it is part of what the user waits for)
from sklearn.metrics import classification_report, confusion_matrix  # noqa: E402

frame = pd.read_csv(sys.argv[1], keep_default_na=False, dtype=str)
rows = frame[(frame["label"] != "") & (frame["prediction"] != "")]
report = classification_report(rows["label"], rows["prediction"], zero_division=0, output_dict=True)
matrix = confusion_matrix(rows["label"], rows["prediction"])
seconds = time.perf_counter() - started
print(json.dumps({"seconds": seconds, "rows": len(frame), "maxRssBytes": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024, "detail": {"accuracy": report["accuracy"]}}))
