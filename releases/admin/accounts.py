"""Django's users and groups, as they come, with the site's change-list guards (safety.py): a
selection that is not ids was a 500 there too. (DRF's token admin offers no actions.)"""
from django.contrib import admin
from django.contrib.auth.admin import GroupAdmin, UserAdmin
from django.contrib.auth.models import Group, User

from .safety import SafeChangelistAdmin

for model, model_admin in ((User, UserAdmin), (Group, GroupAdmin)):
    admin.site.unregister(model)
    admin.site.register(model, type(model_admin.__name__, (SafeChangelistAdmin, model_admin), {}))
