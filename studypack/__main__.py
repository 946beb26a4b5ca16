from studypack.commands.cli import run

run()
