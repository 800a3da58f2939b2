"""Rules as code: the policy's parameters (parameters.toml) and pure calculators over them.

Never imports LangChain, Chroma or Gradio.
"""

from calculators.calculation import Calculation, calculate, inputs_of, yearly_ceiling
from calculators.combine import Combined, combine
from calculators.dates import period_of, validity_notices
from calculators.errors import InvalidInput, MissingFacts, OutsidePolicy, PolicyError
from calculators.inputs import InputSpec, input_specs
from calculators.money import yuan
from calculators.params import Item, Parameters, load_parameters

__all__ = [
    "Calculation",
    "Combined",
    "InputSpec",
    "InvalidInput",
    "Item",
    "MissingFacts",
    "OutsidePolicy",
    "Parameters",
    "PolicyError",
    "calculate",
    "combine",
    "input_specs",
    "inputs_of",
    "load_parameters",
    "period_of",
    "validity_notices",
    "yearly_ceiling",
    "yuan",
]
