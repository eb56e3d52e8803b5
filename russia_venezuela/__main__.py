from russia_venezuela.cli import main

main()
