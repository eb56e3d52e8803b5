"""`russia-venezuela`: the one command for everything a maintainer or instructor runs."""

import argparse
import os

from russia_venezuela import grading, paths, questions
from russia_venezuela.maintainer import benchmark, build, lock, update


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="russia-venezuela", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("lock", help="regenerate requirements-lock.txt from environment.yml (needs uv)")
    build_command = commands.add_parser(
        "build", help="rewrite the generated parts of lessons and solutions, and the exercise notebooks")
    build_command.add_argument("--only", metavar="LESSON", help="only this lesson, e.g. 03_who_is_who")
    commands.add_parser("bench", help="time the test suite against the floor of import-only notebooks")
    grading_bench = commands.add_parser("bench-grading", help="grade a synthetic class at 1 and N workers, and "
                                                              "with nbgrader autograde (installed apart, once)")
    grading_bench.add_argument("--size", type=int, default=50, help="submissions in the class (default 50)")
    grading_bench.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    grading_bench.add_argument("--repeat", type=int, default=1, help="rounds, taken in turn; medians are shown")
    commands.add_parser("points", help="list every exercise question with its points, and the total")
    progress_command = commands.add_parser("progress", help="show your own progress in every exercise set")
    progress_command.add_argument("--detail", action="store_true", help="one line per question, not per set")
    commands.add_parser("update", help="bring this copy of the course up to date, keeping every change you made")
    grading.add_arguments(commands.add_parser(
        "grade", help="grade a folder of submitted exercise notebooks into a gradebook and feedback files"))
    arguments = parser.parse_args(argv)

    if arguments.command == "lock":
        lock.write_lock()
    elif arguments.command == "build":
        changed = build.build(arguments.only)
        print("\n".join(f"rebuilt {path.relative_to(paths.COURSE_ROOT)}" for path in changed)
              or "everything was already current")
    elif arguments.command == "bench":
        benchmark.run()
    elif arguments.command == "bench-grading":
        benchmark.run_grading(arguments.size, arguments.workers, arguments.repeat)
    elif arguments.command == "points":
        table = questions.points_table()
        print(table.to_string(index=False))
        per_exercise = table.groupby("exercise")["points"].agg(questions="size", points="sum")
        print(f"\n{per_exercise.to_string()}\n\nTotal: {table['points'].sum()} points "
              f"in {len(table)} questions")
    elif arguments.command == "grade":
        graded_all = grading.grade(arguments.submissions, arguments.out, arguments.workers,
                                   arguments.cell_timeout, arguments.timeout, arguments.sandboxed)
        raise SystemExit(0 if graded_all else 1)
    elif arguments.command == "progress":
        from russia_venezuela import progress_table

        print(progress_table(detail=arguments.detail))
    elif arguments.command == "update":
        try:
            update.update()
        except update.UpdateError as error:
            raise SystemExit(str(error)) from None


if __name__ == "__main__":
    main()
