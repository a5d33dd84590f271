"""Judging: checklists, the applicant's answers, placement of files into items, and the built-in checks."""
