"""The district's running service: bundles over HTTP, the public verification page, the district desk.

Starlette on uvicorn, pages rendered on the server (Jinja2), no front-end build.
`app.create_app` assembles the parts; each part is one module with its routes:

- api: laptops upload bundles and fetch what came back (PUT/GET /api/v1/…)
- verify_page: GET /v/{token}, the page a phone opens from a notice's QR code
- desk: the district staff's pages (sign-in, progress, orders, sync problems, laptops, assignments)

`server.serve` runs it (`inspector central serve`). Every worker process opens
the central store once; requests share it (its engine is thread-safe).
"""
