# Signed-in staff, as the publishing tests make them (second factor set up).
from tests.publishing.conftest import editor_client, staff_client  # noqa: F401
