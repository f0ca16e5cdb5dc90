using KmsActors.Hosting;
using KmsActors.Samples.HostedApp;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

// A worker service that embeds the KmsActors engine: AddKmsActors starts it with the host and seeds the imported key
// of kms.conf; EnvelopeWorker encrypts a document under a data key and reads it back.
var builder = Host.CreateApplicationBuilder(args);
builder.Services.AddKmsActors(builder.Configuration, kms => kms.ConfigFile = Path.Combine(AppContext.BaseDirectory, "kms.conf"));
builder.Services.AddHostedService<EnvelopeWorker>();
await builder.Build().RunAsync();
