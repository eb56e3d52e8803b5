"""Code no notebook imports, kept out of a learner's import path: the work behind `russia-venezuela build`
(`build`), `update` (`update`), `bench` and `bench-grading` (`benchmark`) and `lock` (`lock`), and the
clean-up of GDELT's CAMEO tables (`cameo`)."""
