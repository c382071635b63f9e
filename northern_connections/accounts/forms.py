from allauth.account.forms import SignupForm as AllauthSignupForm
from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from .choices import MembershipRole


class SignupForm(AllauthSignupForm):
    """Sign-up also asks for the person's name and interface language."""

    full_name = forms.CharField(label=_("Full name"), max_length=200)
    preferred_language = forms.ChoiceField(label=_("Preferred language"), choices=settings.LANGUAGES)

    def save(self, request):
        user = super().save(request)
        user.full_name = self.cleaned_data["full_name"]
        user.preferred_language = self.cleaned_data["preferred_language"]
        user.save(update_fields=["full_name", "preferred_language"])
        return user


class ProfileForm(forms.Form):
    full_name = forms.CharField(label=_("Full name"), max_length=200)
    preferred_language = forms.ChoiceField(label=_("Preferred language"), choices=settings.LANGUAGES)


class InvitationForm(forms.Form):
    email = forms.EmailField(label=_("E-mail address of your colleague"))
    role = forms.ChoiceField(label=_("Role"), choices=MembershipRole.choices, initial=MembershipRole.MEMBER)


class RoleForm(forms.Form):
    role = forms.ChoiceField(label=_("Role"), choices=MembershipRole.choices)


class AccountDeleteForm(forms.Form):
    password = forms.CharField(label=_("Your password, to confirm"), widget=forms.PasswordInput,
                               strip=False)
