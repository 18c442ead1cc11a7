"""From the net amounts the file holds to the gross and taxable amounts the rules read.

Professionals know the net pay ("net à payer avant impôt"), the net unemployment benefit and the
net pension. OpenFisca's rules also read the gross amount (prime d'activité thresholds, social
contributions) and the taxable amount (housing aid's twelve months, family benefits' and school
grants' N-2 tax year). Once per year and kind of income, the engine asks OpenFisca for the net
and taxable amounts of a grid of gross amounts (one vectorised simulation) and interpolates:

- salaries: the gross pay is the net pay divided by 0.78, the conventional ratio published for
  a private-sector non-executive employee (about 22 % of employee contributions, which also
  covers the usual company health insurance that OpenFisca leaves out by default); the taxable
  pay is OpenFisca's `salaire_imposable` for that gross pay. OpenFisca's own exact inversion
  (gross = net / 0.7916, no company health insurance) gives a taxable pay about 1.5 % lower;
  `SALARY_NET_SHARE = None` switches to it.
- unemployment benefits and pensions: OpenFisca's contribution rules are inverted exactly.

The net amount itself is always given to OpenFisca as known. Every result that used a derived
amount says so in its explanation.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from .system import tax_benefit_system

# kind -> (gross input variable, net variable, taxable variable)
KINDS = {
    "salary": ("salaire_de_base", "salaire_net", "salaire_imposable"),
    "unemployment": ("chomage_brut", "chomage_net", "chomage_imposable"),
    "pension": ("retraite_brute", "retraite_nette", "retraite_imposable"),
}
# Gross amounts per month: fine steps where most people are, coarser above.
_GRID = np.concatenate([np.arange(0.0, 6000.0, 10.0), np.arange(6000.0, 30001.0, 100.0)])
_LOCK = threading.Lock()
# Net pay / gross pay of a private-sector non-executive employee (service-public.fr, « salaire
# brut et salaire net »: about 22 % of employee contributions). None: invert OpenFisca exactly.
SALARY_NET_SHARE: float | None = 0.78


@dataclass(frozen=True)
class PayTable:
    gross: np.ndarray
    net: np.ndarray
    taxable: np.ndarray

    net_share: float | None = None

    def from_net(self, net: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Gross and taxable amounts for net amounts (linear beyond the table)."""
        net = np.asarray(net, dtype=float)
        if self.net_share is not None:
            gross = net / self.net_share
            taxable = np.interp(gross, self.gross, self.taxable)
            top = gross > self.gross[-1]
            if top.any():
                taxable[top] = gross[top] * self.taxable[-1] / self.gross[-1]
            return gross, taxable
        gross = np.interp(net, self.net, self.gross)
        taxable = np.interp(net, self.net, self.taxable)
        top = net > self.net[-1]
        if top.any():
            gross[top] = net[top] * self.gross[-1] / self.net[-1]
            taxable[top] = net[top] * self.taxable[-1] / self.net[-1]
        return gross, taxable


@lru_cache(maxsize=64)
def _table(kind: str, year: int) -> PayTable:
    from openfisca_core.simulation_builder import SimulationBuilder

    gross_var, net_var, taxable_var = KINDS[kind]
    system = tax_benefit_system()
    size = len(_GRID)
    ids = np.arange(size)
    builder = SimulationBuilder()
    builder.create_entities(system)
    builder.declare_person_entity("individu", ids)
    for entity, role in (
        ("famille", "demandeur"),
        ("foyer_fiscal", "declarant_principal"),
        ("menage", "personne_de_reference"),
    ):
        instance = builder.declare_entity(entity, ids)
        builder.join_with_persons(instance, ids, [role] * size)
    simulation = builder.build(system)
    month = f"{year:04d}-07"
    simulation.set_input(gross_var, month, _GRID)
    if kind != "salary":
        # CSG on pensions and unemployment benefits depends on the tax household's income two
        # years before: assume a person living alone on this income (12 months less 10 %).
        simulation.set_input("rfr", str(year - 2), _GRID * 12 * 0.9)
        simulation.set_input("nbptr", str(year - 2), np.ones(size))
    net = np.asarray(simulation.calculate(net_var, month), dtype=float)
    taxable = np.asarray(simulation.calculate(taxable_var, month), dtype=float)
    # Keep the table strictly increasing in net so that interpolation is well defined.
    order = np.argsort(net, kind="stable")
    net, gross, taxable = net[order], _GRID[order], taxable[order]
    keep = np.concatenate([[True], np.diff(net) > 1e-9])
    share = SALARY_NET_SHARE if kind == "salary" else None
    return PayTable(gross=gross[keep], net=net[keep], taxable=taxable[keep], net_share=share)


def pay_table(kind: str, year: int) -> PayTable:
    """The (cached) net -> gross/taxable table of `kind` for `year`."""
    with _LOCK:
        return _table(kind, year)
