"""Survey results at scale (issue 18): validating, aggregating and comparing 10,000 answer sets.

Builds the innovative-procurement needs assessment's ten questions (every question type, two conditions)
as plain `logic.QuestionSpec`s and 10,000 seeded answer sets, then times, `--repeat` times:

* validating every answer set as a submission would (`check_answers`, complete),
* the results of every question (`aggregate_all`, with the anonymity threshold),
* the comparison of two groups (half against half) for every question,

and prints the median and worst wall time and the median CPU time of each (CPU is the steadier figure on
a shared machine). Exits 1 when the median CPU time of aggregating 10,000 answer sets reaches 1 s.

    python bench/bench_surveys.py [--repeat N] [--responses N]
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from northern_connections.surveys import logic  # noqa: E402
from northern_connections.surveys.logic import Condition, QuestionSpec  # noqa: E402

QUESTIONS = [
    QuestionSpec("role", logic.SINGLE, required=True, options=("procurement", "manager", "elected", "other")),
    QuestionSpec("procedures", logic.NUMBER, minimum=0, maximum=100000),
    QuestionSpec("used", logic.SINGLE, required=True, options=("yes", "no", "unsure")),
    QuestionSpec("methods", logic.MULTIPLE, options=("pcp", "ppi", "partnership", "dialogue", "market", "contest"),
                 condition=Condition("used", logic.EQUALS, "yes")),
    QuestionSpec("barriers", logic.MULTIPLE, options=("legal", "skills", "budget", "risk", "market", "political"),
                 condition=Condition("used", logic.ANY_OF, ["no", "unsure"])),
    QuestionSpec("readiness", logic.SCALE, required=True, scale_min=1, scale_max=5),
    QuestionSpec("skills", logic.MATRIX, options=("none", "basic", "good", "expert"),
                 rows=("dialogue", "requirements", "evaluation", "ipr")),
    QuestionSpec("priorities", logic.RANKING, options=("energy", "mobility", "care", "circular", "digital")),
    QuestionSpec("support", logic.MULTIPLE, max_choices=3,
                 options=("training", "peers", "toolbox", "helpdesk", "joint", "funding")),
    QuestionSpec("comments", logic.TEXT),
]


def answer_sets(count: int, seed: int = 18) -> list[dict]:
    rng = random.Random(seed)
    sets = []
    for _ in range(count):
        used = rng.choice(["yes", "no", "unsure"])
        answers = {"role": rng.choice(QUESTIONS[0].options), "procedures": rng.randint(0, 500), "used": used,
                   "readiness": rng.randint(1, 5),
                   "skills": {row: rng.choice(QUESTIONS[6].options) for row in QUESTIONS[6].rows},
                   "priorities": rng.sample(QUESTIONS[7].options, 5),
                   "support": rng.sample(QUESTIONS[8].options, rng.randint(1, 3))}
        key = "methods" if used == "yes" else "barriers"
        answers[key] = rng.sample(QUESTIONS[3 if used == "yes" else 4].options, rng.randint(1, 3))
        if rng.random() < 0.3:
            answers["comments"] = f"Comment {rng.randint(0, 10**6)}"
        sets.append(answers)
    return sets


def timed(work, repeat: int) -> tuple[float, float, float]:
    walls, cpus = [], []
    for _ in range(repeat):
        wall, cpu = time.perf_counter(), time.process_time()
        work()
        walls.append(time.perf_counter() - wall)
        cpus.append(time.process_time() - cpu)
    return statistics.median(walls), max(walls), statistics.median(cpus)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--responses", type=int, default=10_000)
    args = parser.parse_args()
    sets = answer_sets(args.responses)
    half = len(sets) // 2
    steps = {
        "validate every answer set": lambda: [logic.check_answers(QUESTIONS, a, complete=True) for a in sets],
        "aggregate every question": lambda: logic.aggregate_all(QUESTIONS, sets, minimum_group=logic.MIN_GROUP),
        "compare two groups": lambda: [logic.compare(q, sets[:half], sets[half:]) for q in QUESTIONS],
    }
    print(f"{args.responses} answer sets, {len(QUESTIONS)} questions, {args.repeat} runs")
    medians = {}
    for name, work in steps.items():
        median, worst, cpu = timed(work, args.repeat)
        medians[name] = cpu
        print(f"  {name:28s} median {median * 1000:8.1f} ms  worst {worst * 1000:8.1f} ms  cpu {cpu * 1000:8.1f} ms")
    return 1 if medians["aggregate every question"] >= 1.0 else 0


if __name__ == "__main__":
    sys.exit(main())
