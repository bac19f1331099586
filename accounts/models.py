# No models: staff are django.contrib.auth users in the Editors and Publishers groups (roles.py).
# The module exists so that Django sends this app's post_migrate, after which the roles sync.
# What a staff member chooses for their own editing (their content languages) is publishing's
# (publishing.models.EditingLanguages).
