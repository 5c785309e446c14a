from haven.cli import app

app()
