using KmsActors.Kms.Engine;
using KmsActors.Kms.Model;
using KmsActors.TestKit;

namespace KmsActors.Kms.Tests.Realism;

/// <summary>The whole engine on virtual time with some kms.realism switches on.</summary>
public abstract class RealismTestBase : KmsTestKit
{
    protected RealismTestBase(string realism) : base(realism)
    {
        Engine = KmsEngine.Start(Sys);
        SettleOn(Engine.Actor);
    }

    protected KmsEngine Engine { get; }

    protected async Task<string> NewKey(KeySpec spec = KeySpec.SYMMETRIC_DEFAULT, KeyUsageType usage = KeyUsageType.ENCRYPT_DECRYPT, OriginType origin = OriginType.AWS_KMS)
    {
        var created = await Engine.CreateKey(new CreateKeyRequest { KeySpec = spec, KeyUsage = usage, Origin = origin });
        return created.KeyMetadata!.KeyId!;
    }

    protected static async Task<KmsException> Refused(Func<Task> call) => await Assert.ThrowsAsync<KmsException>(call);
}
