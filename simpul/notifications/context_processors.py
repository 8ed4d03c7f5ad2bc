from .selectors import unread_count


def inbox(request):
    """The unread count for the menu badge; one indexed COUNT, only for signed-in users."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {"unread_notifications": unread_count(user=user)}
