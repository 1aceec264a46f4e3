-- Contracts: what a signature relies on can never change. A contract's PDF and its signatures are written
-- once; a template version is never edited (a new version is published instead); a contract's hash, size,
-- template and facts stay as issued. Enforced here as well as in the code, so no later code path or manual
-- statement can alter a signed document.
CREATE OR REPLACE FUNCTION contracts_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'contracts: % on % refused: contract documents, signatures and template versions never change', TG_OP, TG_TABLE_NAME
    USING ERRCODE = 'P0001';
END
$$;
--> statement-breakpoint
CREATE TRIGGER contract_documents_immutable BEFORE UPDATE OR DELETE ON "contract_documents"
  FOR EACH ROW EXECUTE FUNCTION contracts_refuse_change();
--> statement-breakpoint
CREATE TRIGGER contract_signatures_immutable BEFORE UPDATE OR DELETE ON "contract_signatures"
  FOR EACH ROW EXECUTE FUNCTION contracts_refuse_change();
--> statement-breakpoint
CREATE TRIGGER contract_templates_immutable BEFORE UPDATE OR DELETE ON "contract_templates"
  FOR EACH ROW EXECUTE FUNCTION contracts_refuse_change();
--> statement-breakpoint
CREATE OR REPLACE FUNCTION purchase_contracts_refuse_document_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.sha256 IS DISTINCT FROM OLD.sha256 OR NEW.pdf_bytes IS DISTINCT FROM OLD.pdf_bytes
     OR NEW.template_id IS DISTINCT FROM OLD.template_id OR NEW.template_version IS DISTINCT FROM OLD.template_version
     OR NEW.facts_digest IS DISTINCT FROM OLD.facts_digest OR NEW.number IS DISTINCT FROM OLD.number
     OR NEW.order_id IS DISTINCT FROM OLD.order_id OR NEW.buyer_user_id IS DISTINCT FROM OLD.buyer_user_id
     OR NEW.dealer_id IS DISTINCT FROM OLD.dealer_id THEN
    RAISE EXCEPTION 'contracts: the document of purchase contract % never changes once issued', OLD.id
      USING ERRCODE = 'P0001';
  END IF;
  RETURN NEW;
END
$$;
--> statement-breakpoint
CREATE TRIGGER purchase_contracts_document_immutable BEFORE UPDATE ON "purchase_contracts"
  FOR EACH ROW EXECUTE FUNCTION purchase_contracts_refuse_document_change();
--> statement-breakpoint
CREATE TRIGGER purchase_contracts_no_delete BEFORE DELETE ON "purchase_contracts"
  FOR EACH ROW EXECUTE FUNCTION contracts_refuse_change();
--> statement-breakpoint
-- The default purchase contract template (version 1): not demo data, production needs it as much as
-- development. Compliance publishes later versions in the console.
INSERT INTO "contract_templates" ("id", "version", "title", "clauses", "consent_text", "deposit_binding_text", "deposit_refundable_text", "note", "published_by", "published_at") VALUES ('ctpl_default_v1', 1, $ay$汽车买卖合同$ay$, $ay$[{"heading":"合同当事人","body":"出卖人（以下简称甲方）：{{seller.name}}\n住所：{{seller.address}}\n统一社会信用代码：{{seller.licenceNo}}\n买受人（以下简称乙方）：{{buyer.name}}\n联系电话：{{buyer.phone}}\n身份证件号码：{{buyer.idNumber}}\n根据《中华人民共和国民法典》《中华人民共和国消费者权益保护法》等法律法规，甲乙双方在平等、自愿、公平、诚实信用的基础上，就乙方通过平台订单 {{order.number}} 向甲方购买汽车事宜，订立本合同。"},{"heading":"第一条 车辆信息","body":"车辆类别：{{vehicle.kind}}\n品牌型号及配置：{{vehicle.description}}\n车辆识别代号（VIN）：{{vehicle.vin}}\n外观颜色：{{vehicle.colour}}\n表显里程：{{vehicle.mileage}}\n初次登记日期：{{vehicle.firstRegistration}}\n甲方保证所售车辆来源合法、权属清晰，不存在抵押、查封等权利瑕疵；出售二手车的，甲方已如实告知车辆使用性质、维修记录及事故、泡水、火烧等重大情况，并向乙方提供车况检测报告。"},{"heading":"第二条 价款及构成","body":"本合同车辆价款及代收代办费用明细如下：\n{{price.items}}\n其中裸车价：{{price.bare}}。\n合同总价款：{{price.total}}（大写：{{price.totalInWords}}）。\n上述代收代办费用（购置税、保险费、上牌费等）以税务机关、保险公司及车辆管理部门实际收取的票据为准，多退少补。"},{"heading":"第三条 {{deposit.kind}}","body":"乙方已向甲方支付{{deposit.kind}}{{deposit.amount}}。\n{{deposit.legalEffect}}\n双方关于{{deposit.kind}}的具体约定：{{deposit.terms}}"},{"heading":"第四条 付款方式","body":"付款方式：{{payment.method}}。{{payment.loan}}\n乙方应自甲方（含通过平台）通知车辆可交付之日起七日内付清尾款。采用贷款方式的，以贷款机构实际放款为准；贷款申请未获批准的，双方可协商改为全款支付或解除本合同，已付款项按第三条处理。"},{"heading":"第五条 车辆交付","body":"交付地点：{{delivery.place}}。\n甲方交付车辆时应同时交付机动车整车出厂合格证（新车）或机动车登记证书（二手车）、机动车销售统一发票、三包凭证、产品使用说明书及随车工具等；乙方应当场验收车辆外观、配置、里程及随车资料，验收无异议后签署交车确认单。车辆毁损、灭失的风险自交付时起转移给乙方。"},{"heading":"第六条 质量保证与三包","body":"新车的修理、更换、退货按《家用汽车产品修理更换退货责任规定》及生产者的三包凭证执行：自交付之日起7日内，因质量问题需要更换发动机、变速器、动力蓄电池、行驶驱动电机或其主要零件的，乙方可以选择更换或者退货；自交付之日起60日内或者行驶里程3000公里之内（以先到者为准），发生转向系统失效、制动系统失效、车身开裂、燃油泄漏或者动力蓄电池起火等严重安全性能故障的，乙方可以选择更换或者退货。二手车按甲方出具的车况检测报告及双方另行书面约定的质保条款执行。"},{"heading":"第七条 违约责任","body":"1. 乙方逾期支付尾款的，每逾期一日按逾期未付款项的万分之五向甲方支付违约金；逾期超过三十日的，甲方有权解除本合同。\n2. 甲方逾期交付车辆的，每逾期一日按乙方已付款项的万分之五向乙方支付违约金；逾期超过三十日的，乙方有权解除本合同，甲方应退还乙方已付全部款项。\n3. 甲方交付的车辆与本合同约定的品牌型号、配置、颜色或车况不符的，乙方有权拒收，并要求更换车辆或解除本合同。\n4. 违约金不足以弥补守约方损失的，违约方还应赔偿不足部分。同时约定违约金和定金的，守约方可以选择适用违约金或者定金条款。"},{"heading":"第八条 个人信息保护","body":"甲方及平台仅为订立、履行本合同及办理上牌、贷款、保险等相关事项处理乙方个人信息，并依照《中华人民共和国个人信息保护法》采取必要的安全保护措施；本合同文本中的身份证件号码和联系电话以脱敏方式显示。"},{"heading":"第九条 争议解决","body":"本合同履行中发生争议的，双方应协商解决；协商不成的，可以向消费者协会或市场监督管理部门申请调解，也可以依法向合同签订地（{{signed.city}}）有管辖权的人民法院提起诉讼。"},{"heading":"第十条 电子签署与合同生效","body":"本合同以电子形式订立，双方通过平台以电子签名方式签署。依照《中华人民共和国电子签名法》，可靠的电子签名与手写签名或者盖章具有同等的法律效力。本合同自双方均完成电子签署之日起生效。平台记录本合同文件的SHA-256摘要值、各方签署人、签署时间及其确认的条款；合同文件生成后不作任何修改，双方均可随时下载查验。"},{"heading":"签署","body":"甲方（出卖人）：{{seller.name}}\n乙方（买受人）：{{buyer.name}}\n合同编号：{{contract.number}}\n签订地点：{{signed.city}}\n生成日期：{{issue.date}}\n双方签署记录以平台电子签署凭证为准。"}]$ay$::jsonb, $ay$本人已完整阅读并理解本《汽车买卖合同》的全部条款，特别是定金/订金、违约责任及争议解决条款，同意以电子签名方式签署本合同，并确认电子签名与手写签名具有同等法律效力。$ay$, $ay$本款项为定金，适用《中华人民共和国民法典》第五百八十六条、第五百八十七条的规定：给付定金的一方不履行债务或者履行债务不符合约定，致使不能实现合同目的的，无权请求返还定金；收受定金的一方不履行债务或者履行债务不符合约定，致使不能实现合同目的的，应当双倍返还定金。定金数额不超过合同总价款的百分之二十，超过部分不产生定金的效力。合同履行的，定金抵作价款。$ay$, $ay$本款项为订金（预付款），不具有定金性质，不适用定金罚则。成交时订金抵作价款；本合同解除或者车辆未能成交的，甲方应当自合同解除之日起七日内全额退还乙方已付订金，双方另有约定的从其约定。$ay$, $ay$平台默认购车合同模板（随数据库迁移写入，各环境一致）$ay$, NULL, '2026-01-01T00:00:00Z') ON CONFLICT DO NOTHING;
