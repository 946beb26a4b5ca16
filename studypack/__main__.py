from studypack.commands.resident.client import run

run()
