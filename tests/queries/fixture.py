"""The hand-built fixture world: three countries, four themes, four actors, two mechanisms (see test_fixture)."""

from __future__ import annotations

from datetime import date

from tests.queries.world import (
    ActionPlan,
    Country,
    Grant,
    Instrument,
    Membership,
    Obligation,
    Org,
    Pledge,
    Project,
    Ratification,
    Theme,
    World,
)

AS_OF = date(2025, 6, 1)

THEMES = [
    Theme("protection"),
    Theme("shelter-and-assistance", ("protection",)),
    Theme("prevention"),
    Theme("awareness-raising", ("prevention",)),
    Theme("trafficking-in-persons"),
    Theme("smuggling-of-migrants"),
]
TIP, SOM = "trafficking-in-persons", "smuggling-of-migrants"


def fixture_world() -> World:
    return World(
        regions={"002": "Africa", "011": "Western Africa", "150": "Europe", "151": "Eastern Europe"},
        countries=[
            Country("NG", "Nigeria", ("002", "011")),
            Country("GH", "Ghana", ("002", "011")),
            Country("UA", "Ukraine", ("150", "151")),
        ],
        themes=THEMES,
        orgs=[
            Org("iom", "Agency", "40", "IOM"),
            Org("unodc", "Agency", "40", "UNODC"),
            Org("strada", "NGO", "22", "La Strada"),
            Org("naptip", "GovernmentBody", "10", "NAPTIP"),
            Org("icat", "CoordinationMechanism", "40", "Inter-Agency Coordination Group", "ICAT"),
            Org("gmg", "CoordinationMechanism", "40", "Global Migration Group", "GMG"),
        ],
        memberships=[
            Membership("icat-iom", "iom", "icat", date(2010, 1, 1)),
            Membership("icat-unodc", "unodc", "icat", date(2010, 1, 1)),
            Membership("icat-naptip", "naptip", "icat", date(2015, 1, 1)),
            Membership("icat-strada", "strada", "icat", date(2012, 1, 1), date(2020, 12, 31)),
            Membership("gmg-iom", "iom", "gmg", date(2011, 1, 1)),
            Membership("gmg-strada", "strada", "gmg", date(2011, 1, 1)),
        ],
        projects=[
            Project(
                "p1",
                (("NG", None),),
                ("shelter-and-assistance",),
                (("iom", "implementing"),),
                (TIP,),
                planned_start=date(2024, 1, 1),
                planned_end=date(2026, 12, 31),
                budget=100000,
                currency="USD",
            ),
            Project(
                "p2",
                (("NG", 60.0), ("GH", 40.0)),
                ("protection",),
                (("strada", "implementing"),),
                (TIP,),
                actual_start=date(2025, 1, 1),
                planned_start=date(2024, 6, 1),
                planned_end=date(2025, 12, 31),
                budget=50000,
                currency="USD",
            ),
            Project(
                "p3",
                (("NG", None),),
                ("awareness-raising",),
                (("unodc", "implementing"), ("iom", "funding")),
                (SOM,),
                planned_start=date(2023, 1, 1),
                planned_end=date(2025, 12, 31),
                budget=20000,
                currency="EUR",
            ),
            Project(
                "p4",
                (("NG", None),),
                ("shelter-and-assistance",),
                (("naptip", "implementing"),),
                (TIP,),
                planned_start=date(2020, 1, 1),
                planned_end=date(2024, 12, 31),
                budget=5000,
                currency="USD",
            ),
            Project(
                "p5",
                (("UA", None),),
                ("shelter-and-assistance",),
                (("strada", "implementing"),),
                (TIP,),
                planned_start=date(2024, 1, 1),
                status="5",
                budget=7000,
                currency="EUR",
            ),
            Project(
                "p6",
                (("UA", None),),
                ("prevention",),
                (("strada", "implementing"),),
                (TIP,),
                planned_start=date(2025, 3, 1),
                budget=10000,
                currency="EUR",
            ),
            Project(
                "p7",
                (("NG", None),),
                ("shelter-and-assistance",),
                (("unodc", "implementing"),),
                (TIP,),
                planned_start=date(2025, 5, 1),
                planned_end=date(2025, 9, 30),
                budget=30000,
                currency="USD",
            ),
        ],
        instruments=[
            Instrument(
                "tip",
                "Trafficking in Persons Protocol",
                (
                    Obligation("tip-6", "6", ("protection", "shelter-and-assistance")),
                    Obligation("tip-9", "9", ("prevention",)),
                ),
            ),
            Instrument(
                "som",
                "Smuggling of Migrants Protocol",
                (
                    Obligation("som-15", "15", ("awareness-raising",)),
                    Obligation("som-16", "16", ("protection",)),
                ),
            ),
        ],
        ratifications=[
            Ratification("tip-ng", "NG", "tip", date(2001, 6, 28)),
            Ratification("tip-gh", "GH", "tip", date(2005, 1, 1)),
            Ratification("som-ua", "UA", "som", date(2004, 5, 21)),
            Ratification("som-gh", "GH", "som", date(2030, 1, 1)),
        ],
        pledges=[
            Pledge("k1", "UA", ("shelter-and-assistance",), date(2025, 7, 15), "strada", "Open two shelters"),
            Pledge("k2", "NG", ("shelter-and-assistance",), date(2025, 3, 1), "iom", "Fund shelters"),
            Pledge("k3", "GH", ("awareness-raising",), date(2026, 1, 1), "unodc", "Campaign"),
        ],
        action_plans=[ActionPlan("a1", "GH", ("prevention",), date(2025, 5, 31), "Ghana NAP 2022-2025")],
        funds={"tf": "UN Trust Fund"},
        grants=[
            Grant("g1", "GH", ("shelter-and-assistance",), date(2025, 1, 1), date(2025, 12, 31)),
            Grant("g2", "NG", ("awareness-raising",), date(2020, 1, 1), date(2021, 12, 31)),
        ],
    )
