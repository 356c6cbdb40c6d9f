"""Tools for people who write policies: `policy test/check/doc/diff/new` and `explain`.

They stand above evaluation (diff and explain run checks; test and check compile with the
embedded engine), so they are not part of the policy set that the engines load.
"""
