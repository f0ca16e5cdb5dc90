using Akka.Actor;
using KmsActors.Console.Infrastructure;
using KmsActors.Console.Infrastructure.Material;
using KmsActors.Kms.Model;
using Microsoft.AspNetCore.Mvc;

namespace KmsActors.Console.Pages.Keys.Material;

/// <summary>
/// Download wrapping key and import token (docs/console.md, docs/byok.md "GetParametersForImport"): the user picks a
/// wrapping key spec and algorithm; Download calls GetParametersForImport as the console principal and answers
/// ImportParameters.zip. A refusal (e.g. SM2PKE with an RSA spec) is shown with the choices kept.
/// </summary>
public sealed class DownloadModel(ConsoleContext console, ActorSystem system) : MaterialPageModel(console, system)
{
    [BindProperty]
    public WrappingKeySpec WrappingKeySpec { get; set; } = WrappingKeySpec.RSA_2048;

    [BindProperty]
    public AlgorithmSpec WrappingAlgorithm { get; set; } = AlgorithmSpec.RSAES_OAEP_SHA_256;

    /// <summary>The wrapping key specs GetParametersForImport accepts in this region (SM2 in China Regions only).</summary>
    public IEnumerable<WrappingKeySpec> Specs => Enum.GetValues<WrappingKeySpec>().Where(spec => ModelEnum<WrappingKeySpec>.IsOffered(spec, Console.Region));

    /// <summary>
    /// The algorithms it accepts here: RSAES_OAEP_* everywhere; RSA_AES_KEY_WRAP_* outside China; SM2PKE in China only.
    /// RSAES_PKCS1_V1_5 is left out: AWS no longer supports it (docs/byok.md; the engine refuses it unless
    /// kms.import.allow-legacy-pkcs1 is on).
    /// </summary>
    public IEnumerable<AlgorithmSpec> Algorithms => Enum.GetValues<AlgorithmSpec>().Where(algorithm =>
        algorithm != AlgorithmSpec.RSAES_PKCS1_V1_5
        && ModelEnum<AlgorithmSpec>.IsOffered(algorithm, Console.Region)
        && !(AwsPartition.IsChina(Console.Region) && algorithm is AlgorithmSpec.RSA_AES_KEY_WRAP_SHA_1 or AlgorithmSpec.RSA_AES_KEY_WRAP_SHA_256));

    public bool China => AwsPartition.IsChina(Console.Region);

    public async Task OnGetAsync(CancellationToken ct)
    {
        if (await LoadKey(ct) && Key!.KeySpec?.ToString().StartsWith("RSA_", StringComparison.Ordinal) == true && !China)
            WrappingAlgorithm = AlgorithmSpec.RSA_AES_KEY_WRAP_SHA_256; // RSAES_OAEP_* cannot wrap an RSA private key
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!await LoadKey(ct))
            return Page();
        GetParametersForImportResponse? parameters = null;
        var request = new GetParametersForImportRequest { KeyId = Key!.KeyId, WrappingKeySpec = WrappingKeySpec, WrappingAlgorithm = WrappingAlgorithm };
        if (!await Try(async () => parameters = await Console.Kms.GetParametersForImport(request, Console.Caller, Console.Region, ct)))
            return Page();
        var zip = ImportParametersZip.Create(Key.KeyId!, parameters!, WrappingKeySpec, WrappingAlgorithm, Now);
        return File(zip, "application/zip", ImportParametersZip.FileName);
    }
}
