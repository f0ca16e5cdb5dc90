using Akka.Actor;
using KmsActors.Hosting;
using KmsActors.Server;

var options = ServerOptions.Parse(args);
var builder = WebApplication.CreateSlimBuilder();
builder.WebHost.UseUrls($"http://127.0.0.1:{options.Port}");
builder.Services.AddKmsActors(builder.Configuration, kms =>
{
    kms.ConfigFile = options.ConfigFile ?? kms.ConfigFile;
    foreach (var change in options.Switches)
        kms.Switches.Add(change);
});

var app = builder.Build();
// Ready once the actor system is up (the host starts it before it serves).
app.MapGet("/health", (ActorSystem system) => system.WhenTerminated.IsCompleted ? Results.StatusCode(503) : Results.Ok(new { status = "ok", actorSystem = system.Name }));
app.Run();
