using KmsActors.Kms.Model;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Primitives;
using Microsoft.Net.Http.Headers;

namespace KmsActors.Console.Infrastructure.Material;

/// <summary>
/// The Upload key material form, read from its multipart body by the page itself (docs/console.md): the two files as
/// ImportKeyMaterial's blobs, the other fields as text. Reading it here, not through model binding, lets the page answer
/// as AWS answers: a file within the request limit goes to the engine whatever its size (the model's 1–6144 bytes are
/// checked there, in AWS's words); a request beyond the limit names the file being read when the limit was reached.
/// </summary>
public sealed class MaterialUploadForm
{
    public const string EncryptedKeyMaterialField = "EncryptedKeyMaterial";
    public const string ImportTokenField = "ImportToken";

    /// <summary>The model's largest EncryptedKeyMaterial / ImportToken (CiphertextType: 6144 bytes).</summary>
    public static readonly int BlobMaximum = (int)(Member(EncryptedKeyMaterialField).Max ?? 6144);

    /// <summary>The upload page's request size limit: both blobs at the model's maximum plus the form's other fields and
    /// multipart framing — just above what a valid import can need, so ASP.NET Core never refuses a file the engine
    /// would accept or refuse itself.</summary>
    public const long RequestSizeLimit = 2 * 6144 + 4096;

    private MaterialUploadForm(Dictionary<string, StringValues> fields) => Fields = fields;

    public Dictionary<string, StringValues> Fields { get; }

    /// <summary>The wrapped key material file's bytes; null when no file was chosen (or the part is not a file).</summary>
    public byte[]? EncryptedKeyMaterial { get; private set; }

    /// <summary>The import token file's bytes; null when no file was chosen (or the part is not a file).</summary>
    public byte[]? ImportToken { get; private set; }

    /// <summary>Set when the request went past <see cref="RequestSizeLimit"/>: AWS's ValidationException for the member
    /// that was being read (the page read no more of it, so the value is not shown).</summary>
    public KmsException? TooLarge { get; private set; }

    public string? Field(string name) => Fields.TryGetValue(name, out var value) ? value.ToString() : null;

    public static async Task<MaterialUploadForm> Read(HttpRequest request, CancellationToken ct)
    {
        var form = new MaterialUploadForm(new Dictionary<string, StringValues>(StringComparer.Ordinal));
        if (!MediaTypeHeaderValue.TryParse(request.ContentType, out var type) || HeaderUtilities.RemoveQuotes(type.Boundary).Value is not { Length: > 0 } boundary)
            return form;
        var reader = new MultipartReader(boundary, request.Body);
        string? reading = null;
        try
        {
            while (await reader.ReadNextSectionAsync(ct) is { } section)
            {
                if (!ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition))
                    continue;
                reading = HeaderUtilities.RemoveQuotes(disposition.Name).Value ?? "";
                using var body = new MemoryStream();
                await section.Body.CopyToAsync(body, ct);
                if (reading is EncryptedKeyMaterialField or ImportTokenField)
                    form.SetFile(reading, disposition, body.ToArray());
                else
                    form.Fields[reading] = StringValues.Concat(form.Fields.GetValueOrDefault(reading), System.Text.Encoding.UTF8.GetString(body.ToArray()));
            }
        }
        catch (BadHttpRequestException) // Kestrel's request body limit (RequestSizeLimit on the page)
        {
            var wire = reading == ImportTokenField ? "importToken" : "encryptedKeyMaterial";
            form.TooLarge = KmsException.Validation(
                $"1 validation error detected: Value at '{wire}' failed to satisfy constraint: Member must have length less than or equal to {BlobMaximum}");
        }
        // The antiforgery check reads the form it is given, not the consumed body.
        request.Form = new FormCollection(form.Fields);
        return form;
    }

    private void SetFile(string name, ContentDispositionHeaderValue disposition, byte[] bytes)
    {
        // A file input left empty sends a part with filename="" and no bytes; a part without a filename is no file at all.
        // Both reach ImportKeyMaterial as a missing member (AWS: "Member must not be null"). A chosen empty file is sent
        // as zero bytes (AWS: "Member must have length greater than or equal to 1").
        var fileName = HeaderUtilities.RemoveQuotes(disposition.FileName).Value ?? HeaderUtilities.RemoveQuotes(disposition.FileNameStar).Value;
        var isFile = disposition.FileName.HasValue || disposition.FileNameStar.HasValue;
        byte[]? value = !isFile || (string.IsNullOrEmpty(fileName) && bytes.Length == 0) ? null : bytes;
        if (name == EncryptedKeyMaterialField)
            EncryptedKeyMaterial = value;
        else
            ImportToken = value;
    }

    private static MemberSpec Member(string name) =>
        KmsCatalogue.Operations["ImportKeyMaterial"].Members.First(member => member.Name == name);
}
