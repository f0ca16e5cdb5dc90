using KmsActors.Server;

// dotnet run --project src/KmsActors.Server [--port 4599] [--data-dir kms-data] [--config my.conf] [--in-memory] [--kms.x=y]
KmsServer.Create(args).Run();
