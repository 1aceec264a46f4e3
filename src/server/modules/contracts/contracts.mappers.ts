import type { TContractTemplate, TPurchaseContract } from './contracts.contract.js';
import type { ContractSignatureRow, ContractTemplateRow, PurchaseContractRow } from './contracts.schema.js';

/** The one place contract rows become API objects. */
export function toPurchaseContract(
  row: PurchaseContractRow,
  template: Pick<ContractTemplateRow, 'title' | 'consentText'>,
  signatures: readonly ContractSignatureRow[],
): TPurchaseContract {
  const facts = row.facts as { vehicle?: { description?: string }; price?: { totalFen?: number } };
  return {
    id: row.id,
    number: row.number,
    orderId: row.orderId,
    orderNumber: row.orderNumber,
    buyerUserId: row.buyerUserId,
    dealerId: row.dealerId,
    storeId: row.storeId,
    status: row.status,
    nextSigner:
      row.status === 'awaiting_buyer' ? 'buyer' : row.status === 'awaiting_dealer' ? 'dealer' : null,
    templateVersion: row.templateVersion,
    title: template.title,
    buyerName: row.buyerName,
    sellerName: row.sellerName,
    vehicleDescription: facts.vehicle?.description ?? '',
    totalFen: facts.price?.totalFen ?? 0,
    sha256: row.sha256,
    pdfBytes: row.pdfBytes,
    pdfUrl: `/api/v1/contracts/${row.id}/pdf`,
    consentText: template.consentText,
    signatures: signatures
      .filter((s) => s.contractId === row.id)
      .map((s) => ({
        party: s.party,
        signerName: s.signerName,
        signedAt: s.signedAt.toISOString(),
        documentSha256: s.documentSha256,
        consentText: s.consentText,
      })),
    issuedAt: row.issuedAt.toISOString(),
    signedAt: row.signedAt?.toISOString() ?? null,
    voidedAt: row.voidedAt?.toISOString() ?? null,
  };
}

export function toContractTemplate(row: ContractTemplateRow, currentVersion: number): TContractTemplate {
  return {
    id: row.id,
    version: row.version,
    title: row.title,
    clauses: row.clauses,
    consentText: row.consentText,
    depositBindingText: row.depositBindingText,
    depositRefundableText: row.depositRefundableText,
    note: row.note,
    publishedBy: row.publishedBy,
    publishedAt: row.publishedAt.toISOString(),
    current: row.version === currentVersion,
  };
}
