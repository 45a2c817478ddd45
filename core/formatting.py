"""Numbers as the Dutch pages show them."""


def format_km(km: float, *, coarse: bool = False) -> str:
    """``2,4 km`` (a Dutch decimal comma). ``coarse`` rounds to whole
    kilometres: what a volunteer sees of a help request, whose public point
    is itself on a ~500 m grid."""
    if coarse:
        return "minder dan 1 km" if km < 1 else f"ca. {round(km)} km"
    return f"{km:.1f}".replace(".", ",") + " km"
