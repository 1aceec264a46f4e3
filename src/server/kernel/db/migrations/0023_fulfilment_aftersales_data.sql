-- The 三包 policy in force (家用汽车产品修理更换退货责任规定, SAMR order 43, from 2022-01-01): data, not code.
-- A later policy is a new row with its own effective date.
INSERT INTO "fulfilment_warranty_policies"
  ("id", "effective_from", "major_part_days", "serious_defect_days", "serious_defect_km", "decision_days", "source")
VALUES
  ('wpol_2022', '2022-01-01', 7, 60, 3000, 10, '家用汽车产品修理更换退货责任规定（国家市场监督管理总局令第43号）')
ON CONFLICT ("id") DO NOTHING;
--> statement-breakpoint
-- 迁入标准: the emission stage each city requires of a used car registered into it, as dated data (the lead may
-- renumber this file). Example figures as published by the cities' vehicle administrations in 2023-2026;
-- verify against the local notice before relying on a row, and add a row with a later date to change one.
-- City `*` is the default for cities without their own row.
INSERT INTO "fulfilment_emission_rules" ("id", "city_code", "city_name", "effective_from", "min_standard", "source") VALUES
  ('emr_default', '*', '其他城市', '2022-08-01', 'china_5', '商消费发〔2022〕92号：2022-08-01起，除大气污染防治重点区域外取消对国五小型非营运二手车的迁入限制'),
  ('emr_beijing', '110100', '北京', '2023-07-01', 'china_6', '北京市生态环境局 迁入二手车须符合国六排放标准'),
  ('emr_shanghai', '310100', '上海', '2023-07-01', 'china_6', '上海市 迁入二手车须符合国六排放标准'),
  ('emr_guangzhou', '440100', '广州', '2023-07-01', 'china_6', '广州市 迁入二手车须符合国六排放标准'),
  ('emr_shenzhen', '440300', '深圳', '2023-07-01', 'china_6', '深圳市 迁入二手车须符合国六排放标准'),
  ('emr_hangzhou', '330100', '杭州', '2023-07-01', 'china_6', '杭州市 迁入二手车须符合国六排放标准'),
  ('emr_tianjin', '120100', '天津', '2023-07-01', 'china_6', '天津市 迁入二手车须符合国六排放标准')
ON CONFLICT ("id") DO NOTHING;
--> statement-breakpoint
-- Quota cities for the plate service (dated data; the lead may renumber this file): a plate there needs the
-- buyer's quota first. Add a row with a later date to change a city (kind NULL lifts the quota).
INSERT INTO "fulfilment_plate_quota_rules" ("id", "city_code", "city_name", "effective_from", "kind", "source") VALUES
  ('pqr_shanghai', '310100', '上海', '1994-01-01', 'auction', '上海市非营业性客车额度拍卖（额度证明）'),
  ('pqr_beijing', '110100', '北京', '2011-01-01', 'lottery', '北京市小客车数量调控（指标摇号/新能源指标轮候）')
ON CONFLICT ("id") DO NOTHING;
