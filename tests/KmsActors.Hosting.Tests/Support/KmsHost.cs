using Akka.Actor;
using KmsActors.Kms.Engine;
using KmsActors.Kms.Model;
using KmsActors.TestKit.Byok;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace KmsActors.Hosting.Tests.Support;

/// <summary>A generic host with AddKmsActors, as an application builds it; small wrapping pools so hosts start quickly.</summary>
public sealed class KmsHost : IAsyncDisposable
{
    /// <summary>Only RSA_2048 pairs, one kept ready: RSA-4096 generation would dominate the tests' time.</summary>
    public const string SmallPool = "kms.import.pool { RSA_2048 = 1, RSA_3072 = 0, RSA_4096 = 0, SM2 = 0 }\nkms.import.pool-fill-delay = 0s";

    private KmsHost(IHost host) => Host = host;

    public IHost Host { get; }

    public IKmsClient Client => Host.Services.GetRequiredService<IKmsClient>();

    public ActorSystem System => Host.Services.GetRequiredService<ActorSystem>();

    public static IHost Build(string hocon, bool testkit = true)
    {
        var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder();
        builder.Services.AddKmsActors(builder.Configuration, options =>
        {
            options.ActorSystemName = "kms-hosting-tests";
            if (testkit)
                options.Profiles.Add("testkit");
            options.Hocon = SmallPool + "\n" + hocon;
        });
        return builder.Build();
    }

    /// <param name="testkit">The testkit profile: in-memory journal and the TestScheduler.</param>
    public static async Task<KmsHost> StartAsync(string hocon = "", bool testkit = true)
    {
        var host = Build(hocon, testkit);
        await host.StartAsync();
        return new KmsHost(host);
    }

    /// <summary>A symmetric EXTERNAL key with <paramref name="material"/> imported (RSAES_OAEP_SHA_256).</summary>
    public async Task<string> CreateImportedKey(byte[] material, DateTimeOffset? validTo = null, CallerIdentity? caller = null)
    {
        var created = await Client.CreateKey(new CreateKeyRequest { Origin = OriginType.EXTERNAL }, caller);
        var keyId = created.KeyMetadata!.KeyId!;
        var parameters = await Client.GetParametersForImport(new GetParametersForImportRequest
        {
            KeyId = keyId,
            WrappingAlgorithm = AlgorithmSpec.RSAES_OAEP_SHA_256,
            WrappingKeySpec = WrappingKeySpec.RSA_2048,
        }, caller);
        await Client.ImportKeyMaterial(new ImportKeyMaterialRequest
        {
            KeyId = keyId,
            ImportToken = parameters.ImportToken,
            EncryptedKeyMaterial = KeyMaterialWrapper.Wrap(parameters.PublicKey!, AlgorithmSpec.RSAES_OAEP_SHA_256, material),
            ExpirationModel = validTo is null ? ExpirationModelType.KEY_MATERIAL_DOES_NOT_EXPIRE : ExpirationModelType.KEY_MATERIAL_EXPIRES,
            ValidTo = validTo,
        }, caller);
        return keyId;
    }

    /// <summary>Waits (briefly, in real time) for something the engine publishes asynchronously.</summary>
    public static async Task Eventually(Func<bool> condition, string what)
    {
        for (var i = 0; i < 500; i++)
        {
            if (condition())
                return;
            await Task.Delay(10);
        }
        Assert.Fail($"Not observed within 5 s: {what}");
    }

    public async ValueTask DisposeAsync()
    {
        await Host.StopAsync();
        Host.Dispose();
    }
}
