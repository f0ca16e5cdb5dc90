namespace KmsActors.Server;

/// <summary>A command line the server cannot run with: an unknown flag, a flag without its value, a bad value.
/// kmsactors prints it with the short usage (<see cref="ServerCommandLine"/>) and exits with code 2.</summary>
public sealed class ServerUsageException(string message) : ArgumentException(message);
