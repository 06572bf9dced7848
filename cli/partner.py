"""`cograph partner add | list | rotate | revoke`: accounts and their API keys (an operator's tool, on Neo4j).

A key is printed once, when it is issued; only its salted hash is stored.
"""

from __future__ import annotations

from typing import Annotated

import typer

from graph.accounts import Account, IssuedKey, add_account, list_accounts, revoke_account, rotate_key
from graph.store import Graph
from ontology.access import Role

app = typer.Typer(
    help="Accounts that may call the API: partners (write their own projects), officers (read), admins.",
    no_args_is_help=True,
)


def _issued(issued: IssuedKey, what: str) -> None:
    account = issued.account
    typer.echo(f"{what} {account.id} ({account.role.value}, {account.name})", err=True)
    typer.echo(
        "Its API key, shown this once (send it as `Authorization: Bearer <key>`, or set COGRAPH_KEY):",
        err=True,
    )
    typer.echo(str(issued.key))


@app.command("add")
def add(
    account_id: Annotated[
        str, typer.Argument(metavar="ID", help="The account id; for a partner, its partner id.")
    ],
    name: Annotated[str, typer.Option("--name", help="Whose account this is, e.g. 'Hope Shelter Network'.")],
    role: Annotated[str, typer.Option("--role", help="partner, officer or admin.")] = Role.PARTNER.value,
) -> None:
    """Create an account and print its API key once."""
    with Graph.open() as graph:
        issued = add_account(graph, account_id, name, role)
    _issued(issued, "created")


def _row(account: Account) -> str:
    state = f"revoked {account.revoked_at:%Y-%m-%d %H:%M}" if account.revoked_at else "active"
    issued = f"{account.key_issued_at:%Y-%m-%d}" if account.key_issued_at else "-"
    return f"{account.id:<24} {account.role.value:<8} {state:<22} key {issued:<10} {account.name}"


@app.command("list")
def list_() -> None:
    """List the accounts (never their keys)."""
    with Graph.open() as graph:
        accounts = list_accounts(graph)
    if not accounts:
        typer.echo(
            "no accounts yet; create the first admin with `cograph partner add ID --name NAME --role admin`"
        )
        return
    for account in accounts:
        typer.echo(_row(account))


@app.command("rotate")
def rotate(
    account_id: Annotated[str, typer.Argument(metavar="ID")],
    reinstate: Annotated[bool, typer.Option("--reinstate", help="Also restore a revoked account.")] = False,
) -> None:
    """Issue a new key (printed once); the old key stops working at once."""
    with Graph.open() as graph:
        issued = rotate_key(graph, account_id, reinstate=reinstate)
    _issued(issued, "new key for")


@app.command("revoke")
def revoke(account_id: Annotated[str, typer.Argument(metavar="ID")]) -> None:
    """Revoke an account: its key is refused from now on; its records and history stay."""
    with Graph.open() as graph:
        account = revoke_account(graph, account_id)
    typer.echo(f"revoked {account.id}; its key is refused from now on (`rotate --reinstate` restores it)")
