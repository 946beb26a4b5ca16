from studypack.commands.cli import main

main()
