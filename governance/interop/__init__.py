"""Interop: model facts in from CycloneDX ML-BOMs, Hugging Face model cards and Model Openness
Tool records; an ML-BOM out.

Importers never write an inventory on their own authority: they produce model entries for a
person to review, with every value they could not map reported at its place in the input.
"""
