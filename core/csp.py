class CSPNonceMediaAdminMixin:
    """Give a change form's media this response's CSP nonce.

    A widget's inline `<script type="importmap">` (django-prose-editor's, through
    django-js-asset) runs only with the nonce: the policy allows no other inline script.
    Put it first in the bases of every ModelAdmin whose forms (or inlines) use such a widget.
    """

    def render_change_form(self, request, context, *args, **kwargs):
        from js_asset.media import Media

        context["media"] = Media.from_media(context["media"], nonce=str(request.csp_nonce))
        return super().render_change_form(request, context, *args, **kwargs)
