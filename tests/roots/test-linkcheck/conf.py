extensions = ["sphinxext_seml"]
project = "seml-linkcheck"
exclude_patterns = ["_build"]
# links.yaml is written by the test, with the port of its local HTTP server.
seml_include_builtin = False
seml_catalogues = ["links.yaml"]
linkcheck_timeout = 5
linkcheck_retries = 1
linkcheck_workers = 1
