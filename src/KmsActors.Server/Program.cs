using KmsActors.Server;

// kmsactors [--port 4599] [--data-dir kms-data] [--config my.conf] [--in-memory] [--verbose] [--kms.x=y] | --help | --version
// (dotnet run --project src/KmsActors.Server -- <flags> from a clone.)
if (ServerCommandLine.Answer(args, Console.Out, Console.Error) is { } exitCode)
    return exitCode;
KmsServer.Create(args).Run();
return 0;
