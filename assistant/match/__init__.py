"""政策体检: from an applicant's year to every award it can claim. A typed profile (profile.py) becomes
claims (claims.py), each computed by the calculators and sorted into awards and near misses with one
total after the caps (matching.py), shown as one table (table.py) by the app, the REST API, the CLI and
the chat alike. No formula lives here: every amount comes from calculators/."""

from assistant.match.matching import Award, MatchResult, NearMiss, match_profile
from assistant.match.profile import Profile, ProfileError, parse_profile, read_profile
from assistant.match.table import html_table, text_table

__all__ = ["Award", "MatchResult", "NearMiss", "Profile", "ProfileError", "html_table", "match_profile",
           "parse_profile", "read_profile", "text_table"]
