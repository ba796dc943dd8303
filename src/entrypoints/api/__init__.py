"""REST routes under /chat/api, thin: validate, dispatch, shape the answer."""
